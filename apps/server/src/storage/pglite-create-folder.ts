import { PGlite } from "@electric-sql/pglite";

/**
 * A child process that creates an embedded database in a folder that holds none (PostgreSQL's
 * initdb, run by PGlite), then ends; started by pglite-in-worker.ts's `createEmbeddedFolder`.
 *
 * Why a process of its own: initdb takes about half a gigabyte (a second PostgreSQL, initdb's own
 * WebAssembly, a tarball of the new folder), which garbage collection gives back only much later and
 * which the C allocator keeps even after a worker thread ends; a process that exits returns all of it.
 * It imports nothing of the server, so it runs alone as compiled JavaScript (or through tsx from source).
 */

const [dataDir, startParamsJson] = process.argv.slice(2);
if (!dataDir || !startParamsJson) throw new Error("usage: pglite-create-folder <dataDir> <extra start parameters as JSON>");

// The parent holds the folder's lock for this child: if the parent dies, stop rather than write on.
const parentGone = () => process.exit(1);
process.on("disconnect", parentGone);

const pglite = await PGlite.create({
  dataDir,
  startParams: [...PGlite.defaultStartParams, ...(JSON.parse(startParamsJson) as string[])],
});
await pglite.close();
process.off("disconnect", parentGone);
process.disconnect?.();
