import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Whether an executable of this name is in a folder of PATH. */
export function onPath(name: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
