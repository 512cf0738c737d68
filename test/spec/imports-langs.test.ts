import { describe, expect, it } from "vitest";
import { extractImports, languageOf } from "../../src/spec/imports.js";
import { maskSource } from "../../src/validate/source.js";
import { Namespaces } from "../../src/spec/namespaces.js";
import { cmakeIncludeDirs } from "../../src/spec/c-includes.js";
import { psr4Candidates, readPsr4 } from "../../src/spec/php-autoload.js";

const read = (text: string, style: "csharp" | "php" | "c") => extractImports(maskSource(text, style), style).map((r) => `${r.line} ${r.specifier}`);

describe("extractImports: C#, PHP, C and C++", () => {
  it("C#: using, global, static and alias forms; not `using var` or `using (...)`, comments or verbatim strings", () => {
    const code = ["using System;", "global using Shop.Core;", "using static Shop.Core.MoneyMath;", "using Db = Shop.Data.Db;", "using Map = System.Collections.Generic.Dictionary<string, int>;", "// using Shop.Web;", 'var s = @"', "using Shop.Web;", '";', "using var x = Open();", "using (var y = Open()) { }"].join("\n");
    expect(read(code, "csharp")).toEqual(["1 System", "2 Shop.Core", "3 Shop.Core.MoneyMath", "4 Shop.Data.Db", "5 System.Collections.Generic.Dictionary"]);
  });

  it("PHP: use (grouped over lines, function, const, aliases), require/include of paths; not closures' use, comments or strings", () => {
    const code = ["<?php", "use App\\Domain\\Money;", "use App\\Domain\\{Cart, Line as L};", "use function App\\Support\\format;", "use App\\Http\\{", "    Request,", "    Response", "};", "use A\\B, C\\D as E;", "require_once __DIR__ . '/../config.php';", "include 'partials/header.php';", "# use App\\Nope;", "$s = 'use App\\Nope;';", "$f = function () use ($x) {};"].join("\n");
    expect(read(code, "php")).toEqual(["2 App\\Domain\\Money", "3 App\\Domain\\Cart", "3 App\\Domain\\Line", "4 App\\Support\\format", "5 App\\Http\\Request", "5 App\\Http\\Response", "9 A\\B", "9 C\\D", "10 ../config.php", "11 ./partials/header.php"]);
  });

  it("C and C++: quoted includes, not <...> ones, comments or strings", () => {
    const code = ['#include "uart.h"', "#include <stdio.h>", '#  include "drivers/spi.hpp"', '// #include "no.h"', "/* #include \"no.h\" */", 'const char *s = "#include \\"no.h\\"";'].join("\n");
    expect(read(code, "c")).toEqual(["1 uart.h", "3 drivers/spi.hpp"]);
  });

  it("labels code blocks by their language", () => {
    expect(["csharp", "cs", "c#", "php", "c", "cpp", "c++", "h"].map((l) => languageOf(l, ""))).toEqual(["csharp", "csharp", "csharp", "php", "c", "c", "c", "c"]);
    expect(languageOf("", '#include "a.h"')).toBe("c");
    expect(languageOf("", "<?php\nuse App\\X;")).toBe("php");
    expect(languageOf("", "using Shop.Core;")).toBe("csharp");
  });
});

describe("what C#, PHP and C imports name", () => {
  it("a C# namespace is the files declaring it; a type in it the file that declares it", () => {
    const ns = new Namespaces("csharp").add("a/Money.cs", "namespace Shop.Core;\npublic class Money {}\n").add("a/Math.cs", "namespace Shop.Core { static class MoneyMath {} }\n");
    expect(ns.resolve("Shop.Core").sort()).toEqual(["a/Math.cs", "a/Money.cs"]);
    expect(ns.resolve("Shop.Core.MoneyMath")).toEqual(["a/Math.cs"]);
    expect(ns.resolve("System.Linq")).toEqual([]);
  });

  it("a PHP class by composer.json's PSR-4 map, a function by the namespace that declares it, case aside", () => {
    const maps = readPsr4(JSON.stringify({ autoload: { "psr-4": { "App\\": "src/", "App\\Legacy\\": ["lib/", "old/"] } } }), "");
    expect(psr4Candidates(maps, "App\\Legacy\\Thing")).toEqual(["lib/Thing.php", "old/Thing.php", "src/Legacy/Thing.php"]);
    const ns = new Namespaces("php").add("src/helpers.php", "<?php\nnamespace App\\Support;\nfunction format() {}\n");
    expect(ns.resolve("app\\support\\Format")).toEqual(["src/helpers.php"]);
  });

  it("CMake's include folders, plain and under the current source folder; other variables left out", () => {
    const text = "include_directories(include ${CMAKE_CURRENT_SOURCE_DIR}/third)\n# include_directories(commented)\ntarget_include_directories(fw PRIVATE src/hal PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/api> ${OTHER}/x)\n";
    expect(cmakeIncludeDirs(text, "fw")).toEqual(["fw/include", "fw/third", "fw/src/hal", "fw/api"]);
  });
});
