import { afterEach } from "vitest";
import { removeProjects } from "./project.js";

// A setup file (vitest.config.ts): it runs before every test file, also where a worker runs
// several files without isolation, so the projects a test made are removed after it whatever
// file it is in.
afterEach(removeProjects);
