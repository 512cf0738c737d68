import { MemoryStore } from "../../src/store/memory.js";
import { storeConformance } from "./conformance.js";

storeConformance("MemoryStore", () => new MemoryStore());
