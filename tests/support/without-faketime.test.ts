import { describe, expect, it } from "vitest";
import { environmentWithoutFaketime } from "./without-faketime.js";

describe("the environment without libfaketime", () => {
  it("drops libfaketime from LD_PRELOAD and every FAKETIME setting, and keeps the rest", () => {
    const environment = environmentWithoutFaketime({
      PATH: "/usr/bin",
      LD_PRELOAD: "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1:/opt/other.so",
      FAKETIME: "+400d",
      FAKETIME_DONT_FAKE_MONOTONIC: "1",
      TEST_DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
    });
    expect(environment).toEqual({
      PATH: "/usr/bin",
      LD_PRELOAD: "/opt/other.so",
      TEST_DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
    });
  });

  it("leaves out LD_PRELOAD when libfaketime was all it held", () => {
    const environment = environmentWithoutFaketime({ LD_PRELOAD: "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", HOME: "/root" });
    expect(environment).toEqual({ HOME: "/root" });
  });
});
