import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { foldersUp } from "./folders-up.js";

/** A pub package of the project: a folder with a pubspec.yaml ("" for the root), by its `name:`. */
export interface DartPackage {
  dir: string;
  name: string;
  /** It depends on the Flutter SDK (`flutter:` with `sdk: flutter`): its tests run with `flutter test`. */
  flutter: boolean;
  /** Its one-line `description:`, which says what the package is for. */
  description?: string;
}

/** The package a pubspec.yaml's text declares; undefined without a `name:`. */
export function readPubspec(dir: string, text: string): DartPackage | undefined {
  const name = /^name:[ \t]*["']?([A-Za-z_]\w*)["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
  if (name === undefined) return undefined;
  const description = /^description:[ \t]*(["']?)([^\n>|].*?)\1[ \t]*$/m.exec(text)?.[2]?.trim();
  return { dir, name, flutter: /^[ \t]+sdk:[ \t]*["']?flutter\b/m.test(text), ...(description ? { description } : {}) };
}

/**
 * The project file a Dart URI loads: `package:pantry_core/src/item.dart` is `src/item.dart` under the
 * `lib/` of the package named `pantry_core`; another package's (`package:flutter/...`) or the SDK's
 * (`dart:io`) is none. A relative URI (`src/item.dart`, `../util.dart`) is the file beside `from`.
 */
export function dartTarget(packages: readonly DartPackage[], from: string, uri: string): string | undefined {
  if (uri.startsWith("dart:")) return undefined;
  const pkg = /^package:([A-Za-z_]\w*)\/(.+)$/.exec(uri);
  if (pkg) {
    const own = packages.find((p) => p.name === pkg[1]);
    return own ? posix.normalize(posix.join(own.dir || ".", "lib", pkg[2]!)) : undefined;
  }
  if (/^[a-z][\w+.-]*:/i.test(uri)) return undefined;
  const path = posix.normalize(posix.join(posix.dirname(from), uri));
  return path.startsWith("../") ? undefined : path;
}

/** The pub packages holding files in `dirs` (project-relative folders): the pubspec.yaml at or above each, for the architecture gate. */
export function findDartPackages(root: string, dirs: Iterable<string>): DartPackage[] {
  const found: DartPackage[] = [];
  for (const dir of foldersUp(dirs)) {
    const path = join(root, dir, "pubspec.yaml");
    const pkg = existsSync(path) ? readPubspec(dir, readFileSync(path, "utf8")) : undefined;
    if (pkg) found.push(pkg);
  }
  return found;
}
