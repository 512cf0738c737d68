import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { deniedLine } from "../../src/cli/denied.js";

describe("a full disk is the user's to fix: one line, not a stack", () => {
  it("SQLite's SQLITE_FULL names the state database", () => {
    const full = new Database.SqliteError("database or disk is full", "SQLITE_FULL");
    expect(deniedLine(full)).toBe("Cannot write the state database (.orchestrate/state.db): database or disk is full (SQLITE_FULL); free space on its disk, then run the command again");
  });

  it("Node's ENOSPC names the call and the path", () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write", path: "/p/.orchestrate/runs/r/journal" });
    expect(deniedLine(full)).toBe("Cannot write /p/.orchestrate/runs/r/journal: no space left on the disk (ENOSPC); free some, then run the command again");
    expect(deniedLine(Object.assign(new Error("ENOSPC"), { code: "ENOSPC" }))).toBe("Cannot write: no space left on the disk (ENOSPC); free some, then run the command again");
  });

  it("other errors are left to the report-it path", () => {
    expect(deniedLine(new Database.SqliteError("constraint failed", "SQLITE_CONSTRAINT"))).toBeUndefined();
  });
});

describe("a path this user may not read is said to be one", () => {
  it("a stat or a listing refused asks for a path this user may read; a write, one they may write", () => {
    const stat = Object.assign(new Error("EACCES: permission denied, stat '/p/packages'"), { code: "EACCES", syscall: "stat", path: "/p/packages" });
    expect(deniedLine(stat)).toBe("Cannot stat /p/packages: permission denied (EACCES); expected a path this user may read (check its owner and mode, and its folder's)");
    const mkdir = Object.assign(new Error("EACCES: permission denied, mkdir '/p/.orchestrate'"), { code: "EACCES", syscall: "mkdir", path: "/p/.orchestrate" });
    expect(deniedLine(mkdir)).toBe("Cannot mkdir /p/.orchestrate: permission denied (EACCES); expected a path this user may write (check its owner and mode, and its folder's)");
  });
});
