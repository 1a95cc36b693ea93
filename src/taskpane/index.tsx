/**
 * Task pane entry. Office.js is loaded by taskpane.html from Microsoft's CDN and may be missing;
 * Root detects that and runs standalone.
 */
import { createRoot } from "react-dom/client";
import { Root } from "./Root.js";

const container = document.getElementById("root");
if (container) createRoot(container).render(<Root />);
