import { render } from "preact";
import { MemoryPage } from "./memory.js";
import { RunPage } from "./run.js";
import { RunsPage } from "./runs.js";
import { useRoute } from "./route.js";
import "./styles.css";

function App() {
  const route = useRoute();
  return (
    <>
      <nav class="top">
        <b>orchestrate</b>
        <a href="#/runs" class={route.page !== "memory" ? "active" : ""}>Runs</a>
        <a href="#/memory" class={route.page === "memory" ? "active" : ""}>Memory</a>
      </nav>
      <main>
        {route.page === "runs" && <RunsPage />}
        {route.page === "run" && <RunPage key={route.runId} runId={route.runId} {...(route.moduleId ? { moduleId: route.moduleId } : {})} />}
        {route.page === "memory" && <MemoryPage />}
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
