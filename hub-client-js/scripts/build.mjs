// Builds dist/ from src/, for the client and for its MessagePack protocol: the ES module, the CommonJS module
// (with its copy of the declarations, which TypeScript reads as CommonJS by their .d.cts name), and the minified
// script for a <script> tag (the global `signalR`, and `signalR.protocols.msgpack`). The declarations are written by hand, in types/. With --check, builds into a temporary folder
// instead and fails when dist/ differs in any file, so a stale committed dist/ cannot reach the server's jar.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { minify } from "terser";
import { aliasThis } from "./this-alias.mjs";

const root = new URL("..", import.meta.url).pathname;
const check = process.argv.includes("--check");
const out = check ? mkdtempSync(join(tmpdir(), "switchboard-dist-")) : join(root, "dist");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const banner = `/* Switchboard hub client ${version} | MIT */`;
const common = {
    bundle: true,
    target: "es2022",
    legalComments: "none",
    banner: { js: banner },
    logLevel: "warning",
};

/**
 * The members @msgpack/msgpack's declarations mark private, which the minified MessagePack script may shorten as
 * it does ours: not those that are also public (its options, which callers name), nor those that builtins share
 * (`array.find`, `error.stack`) or that read like API.
 */
function msgpackPrivateMembers() {
    const dir = join(root, "node_modules/@msgpack/msgpack/dist.esm");
    const declarations = ["Encoder", "Decoder", "CachedKeyDecoder", "ExtensionCodec"]
        .map((file) => readFileSync(join(dir, `${file}.d.ts`), "utf8")).join("\n");
    const names = (pattern) => new Set([...declarations.matchAll(pattern)].map((match) => match[1]));
    const declaredPublic = names(/^\s+(?:readonly )?(\w+)\??[:(<]/gm);
    const kept = new Set(["context", "find", "stack", "clone", "complete"]);
    return [...names(/private (?:readonly )?(\w+)/g)].filter((name) => !declaredPublic.has(name) && !kept.has(name));
}

const sizes = [];
/** The ES and CommonJS modules of one entry, its declarations' CommonJS copy, and its minified script. */
async function buildModule(name, entry, globalEntry, mangleProps = /^_/) {
    await build({ ...common, entryPoints: [join(root, entry)], format: "esm", outfile: join(out, `${name}.mjs`) });
    await build({ ...common, entryPoints: [join(root, entry)], format: "cjs", outfile: join(out, `${name}.cjs`) });
    writeFileSync(join(out, `${name}.d.cts`), `// Copied from types/${name}.d.ts by scripts/build.mjs.\n`
        + readFileSync(join(root, `types/${name}.d.ts`), "utf8"));
    const script = await build({
        ...common,
        entryPoints: [join(root, globalEntry)],
        format: "iife",
        minify: true,
        // Members named with a leading underscore are internal, so they can be shortened too.
        mangleProps,
        // No Node support in a <script> for browsers: no cookie jar, no trace of the ws package, a browser's
        // user agent.
        plugins: [{
            name: "browser-only",
            setup: (b) => {
                b.onResolve({ filter: /^\.\/node\.js$/ }, () => ({ path: join(root, "src/browser.js") }));
                b.onResolve({ filter: /^\.\/runtime\.js$/ }, () => ({ path: join(root, "src/runtime-browser.js") }));
            },
        }],
        write: false,
        outfile: join(out, `${name}.min.js`),
    });
    // A second pass, by terser, which finds what esbuild's single pass leaves (a few hundred bytes in each),
    // after `this` is aliased in the functions that name it four times or more (this-alias.mjs). Of terser's
    // unsafe options only unsafe_undefined, which writes a local variable named `undefined`, never assigned, for
    // each `void 0`: the script declares one, as the option needs. Without `sequences` (joining statements with
    // commas) the script comes out smaller: esbuild has joined them already, and terser's joining defeats some of
    // its other steps.
    const text = script.outputFiles[0].text;
    const start = "(()=>{";
    if (!text.includes(start)) {
        throw new Error(`esbuild's script has no ${start}`);
    }
    const { code } = await minify(aliasThis(text.replace(start, `${start}let undefined;`), 4), {
        ecma: 2022, compress: { passes: 3, sequences: false, unsafe_undefined: true }, mangle: true,
        format: { ecma: 2022, preamble: banner },
    });
    const minified = Buffer.from(`${code}\n`);
    writeFileSync(join(out, `${name}.min.js`), minified);
    sizes.push(minified.length);
    console.log(`${name}.min.js: ${minified.length} B minified, ${gzipSync(minified, { level: 9 }).length} B gzipped (gzip -9)`);
}

await buildModule("switchboard", "src/index.js", "src/global.js");
// MessagePack is a module of its own, as upstream's @microsoft/signalr-protocol-msgpack, with @msgpack/msgpack in it.
await buildModule("switchboard-msgpack", "src/msgpack/index.js", "src/msgpack/global.js",
    new RegExp(`^_|^(${msgpackPrivateMembers().join("|")})$`));
console.log(`both: ${sizes[0] + sizes[1]} B minified`);

if (check) {
    const stale = [...new Set([...readdirSync(out), ...readdirSync(join(root, "dist"))])].filter((name) => {
        try {
            return !readFileSync(join(out, name)).equals(readFileSync(join(root, "dist", name)));
        } catch {
            return true; // missing from dist/, or there and no longer built
        }
    });
    rmSync(out, { recursive: true });
    if (stale.length) {
        console.error(`dist/ is stale (${stale.join(", ")}): run 'npm run build' in hub-client-js and commit dist/.`);
        process.exit(1);
    }
    console.log("dist/ matches the sources.");
}
