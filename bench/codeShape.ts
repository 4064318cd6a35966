/**
 * `npm run bench:shape`: the shape of the code, for before/after figures of a restructuring: the longest functions
 * (declarations, methods, constructors and function expressions, by lines from their first to their last line) and
 * the lines of TypeScript per top-level folder. `--dir` measures another checkout, e.g. main before a change.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { commandArgs, derivedArgs, runMain } from "../tools/args";

const USAGE = `Usage: npm run bench:shape -- [options]

Lists the longest functions of the project's TypeScript (node_modules, dist, examples and by default tests left out) and the lines
per top-level folder.

Options:
      --dir <path>      measure another checkout instead of this one
      --top <n>         how many functions to list (default 15)
      --over <n>        also count the functions longer than n lines (default 60)
      --tests           list the functions of tests/ too (their describe blocks are long by nature)
      --json            print one JSON document instead of the tables
  -h, --help            show this help

Exit codes: 0 done, 1 the folder could not be read, 2 usage error.`;

const SKIP = new Set(["node_modules", "dist", "examples", ".git"]);

/** One function and its length in lines. */
export interface FunctionLength {
    file: string;
    name: string;
    line: number;
    lines: number;
}

/** The .ts files below `dir` (relative paths, sorted), leaving out dependencies and build output. */
export function sourceFiles(dir: string, rel = ""): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        const p = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith(".")) {
            out.push(...sourceFiles(dir, p));
        } else if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
            out.push(p);
        }
    }
    return out.sort();
}

/** The name a function is known by: its own, its variable's or property's, or `<anonymous>`. */
function nameOf(node: ts.Node, sf: ts.SourceFile): string {
    if (ts.isConstructorDeclaration(node)) {
        const cls = node.parent;
        return `${cls.name?.getText(sf) ?? "<class>"}.constructor`;
    }
    const named = node as ts.FunctionLikeDeclaration;
    if (named.name) {
        return named.name.getText(sf);
    }
    const p = node.parent;
    if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))) {
        return p.name.getText(sf);
    }
    return "<anonymous>";
}

/** Every function of one file with its length. Pure. */
export function functionLengths(file: string, text: string): FunctionLength[] {
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const out: FunctionLength[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
            const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
            const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
            out.push({ file, name: nameOf(node, sf), line: first + 1, lines: last - first + 1 });
        }
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return out;
}

/** Lines of the given files per top-level folder (files at the top count as `.`). */
export function linesPerFolder(dir: string, files: string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const f of files) {
        const top = f.includes("/") ? f.slice(0, f.indexOf("/")) : ".";
        out[top] = (out[top] ?? 0) + fs.readFileSync(path.join(dir, f), "utf8").split("\n").length;
    }
    return out;
}

function positive(v: string | undefined, option: string, fallback: number): number {
    if (v === undefined) {
        return fallback;
    }
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
        throw new Error(`${option} takes a whole number from 1 up (got ${JSON.stringify(v)})`);
    }
    return n;
}

/** What bench:shape measured. */
interface Shape {
    dir: string;
    files: number;
    functions: number;
    over: { lines: number; count: number };
    longest: FunctionLength[];
    linesPerFolder: Record<string, number>;
}

/** The tables of `bench:shape`: the longest functions, then lines per folder. */
function renderShape(doc: Shape): string {
    const rows = doc.longest.map((f) => `| ${f.lines} | \`${f.name}\` | ${f.file}:${f.line} |`);
    const folders = Object.entries(doc.linesPerFolder)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `| ${k} | ${v} |`);
    return [
        `${doc.functions} functions in ${doc.files} files; ${doc.over.count} longer than ${doc.over.lines} lines`,
        "",
        "| lines | function | where |",
        "|---:|---|---|",
        ...rows,
        "",
        "| folder | lines |",
        "|---|---:|",
        ...folders,
        "",
    ].join("\n");
}

async function main(): Promise<number> {
    const args = commandArgs(
        {
            dir: { type: "string" },
            top: { type: "string" },
            over: { type: "string" },
            tests: { type: "boolean" },
            json: { type: "boolean" },
        } as const,
        USAGE,
    );
    if (typeof args === "number") {
        return args;
    }
    const limits = derivedArgs(() => ({ top: positive(args.top, "--top", 15), over: positive(args.over, "--over", 60) }), USAGE);
    if (typeof limits === "number") {
        return limits;
    }
    const dir = path.resolve(args.dir ?? path.join(__dirname, ".."));
    const files = sourceFiles(dir);
    const all = files
        .filter((f) => args.tests || !f.startsWith("tests/"))
        .flatMap((f) => functionLengths(f, fs.readFileSync(path.join(dir, f), "utf8")));
    const longest = [...all].sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file)).slice(0, limits.top);
    const doc: Shape = {
        dir,
        files: files.length,
        functions: all.length,
        over: { lines: limits.over, count: all.filter((f) => f.lines > limits.over).length },
        longest,
        linesPerFolder: linesPerFolder(dir, files),
    };
    if (args.json) {
        process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
        return 0;
    }
    process.stdout.write(renderShape(doc));
    return 0;
}

if (require.main === module) {
    runMain("bench:shape", main);
}
