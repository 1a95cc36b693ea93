/**
 * Placeholder task pane: renders the add-in name. The real React app replaces this file.
 * It must never assume Office.js loaded: the page also opens in a plain browser and offline.
 */
import { createRoot } from "react-dom/client";

function App() {
  return (
    <main>
      <h1>SAKIP Excel</h1>
    </main>
  );
}

const container = document.getElementById("root");
if (container) createRoot(container).render(<App />);
