import { render } from "preact";
import { App } from "./app.js";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error('index.html must contain <div id="root"> for the app to render into.');
render(<App />, root);
