import { describe, expect, it } from "vitest";
import { toolchainFolders } from "../../src/sandbox/paths.js";

describe("toolchainFolders", () => {
  // A job whose HOME is not /root (HOME=/tmp/elsewhere), run by root, whose pyenv and cargo are under /root.
  const home = "/tmp/elsewhere";

  it("opens a version manager under any hidden home again, root's and another user's included, whatever HOME says", () => {
    const found = toolchainFolders("/root/.pyenv/shims:/home/ann/.nvm/versions/node/v20/bin:/root/.cargo/bin:/usr/bin", home, home);
    expect(found).toEqual(["/root/.pyenv", "/home/ann/.nvm", "/root/.cargo/bin", "/root/.rustup"]);
  });

  it("opens nothing for PATH folders outside the homes", () => {
    expect(toolchainFolders("/usr/local/bin:/opt/py/bin:relative/bin", home, home)).toEqual([]);
  });
});
