// The package carries the repository's LICENSE: `npm pack` and `npm publish` copy it in first (prepack) and
// remove the copy after (postpack), so that there is one LICENSE to keep.
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const source = join(root, "..", "LICENSE");
const target = join(root, "LICENSE");

if (process.argv[2] === "copy") {
    if (!existsSync(source)) {
        console.error(`${source} is missing: the package must carry the repository's LICENSE.`);
        process.exit(1);
    }
    copyFileSync(source, target);
} else {
    rmSync(target, { force: true });
}
