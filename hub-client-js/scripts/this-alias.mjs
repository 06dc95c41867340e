// A step of the minified build: in each function that names `this` often, `this` becomes a local variable set
// once at the top, which the minifier then shortens to one letter (`this.x` costs 6 bytes, `t.x` 3). Neither
// esbuild nor terser does this. Within one call `this` never changes, and an arrow function sees its enclosing
// function's, so the alias is the same value everywhere it replaces `this`.
import { parse } from "acorn";

const ALIAS = "__this";

/** Every node under `node` (its own children, not itself), depth first. */
function* children(node) {
    for (const [key, value] of Object.entries(node)) {
        if (key === "type" || key === "start" || key === "end") {
            continue;
        }
        for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof child.type === "string") {
                yield child;
            }
        }
    }
}

/**
 * Rewrites `code`, a script, aliasing `this` in each function with a block body that names it at least
 * `threshold` times. Derived classes' constructors are left alone: their `this` exists only after super().
 */
export function aliasThis(code, threshold) {
    const ast = parse(code, { ecmaVersion: "latest", sourceType: "script" });
    if (code.includes(ALIAS)) {
        throw new Error(`the code already names ${ALIAS}`);
    }
    const edits = [];
    /** Collects the `this` of one function's own scope, not of the functions and class fields inside it. */
    const own = (node, found) => {
        for (const child of children(node)) {
            if (child.type === "ThisExpression") {
                found.push(child);
            } else if (child.type === "FunctionExpression" || child.type === "FunctionDeclaration") {
                visitFunction(child, false);
            } else if (child.type === "PropertyDefinition" || child.type === "StaticBlock") {
                if (child.computed) {
                    own({ key: child.key }, found); // a computed key is the enclosing scope's
                }
                own({ value: child.value, body: child.type === "StaticBlock" ? child.body : [] }, []);
            } else if (child.type === "ClassBody") {
                for (const member of child.body) {
                    if (member.type === "MethodDefinition") {
                        if (member.computed) {
                            own({ key: member.key }, found);
                        }
                        visitFunction(member.value, member.kind === "constructor" && child.derived);
                    } else {
                        own({ member }, found);
                    }
                }
            } else if (child.type === "ClassDeclaration" || child.type === "ClassExpression") {
                child.body.derived = Boolean(child.superClass);
                own(child, found);
            } else {
                own(child, found);
            }
        }
    };
    const visitFunction = (fn, derivedConstructor) => {
        const found = [];
        own(fn.body, found);
        own({ params: fn.params }, []); // a default value's `this` is before the alias
        if (found.length >= threshold && fn.body.type === "BlockStatement" && !derivedConstructor) {
            found.forEach((node) => edits.push([node.start, node.end, ALIAS]));
            const directive = fn.body.body.findLast((statement) => statement.directive);
            const at = directive ? directive.end : fn.body.start + 1;
            edits.push([at, at, `let ${ALIAS}=this;`]);
        }
    };
    own(ast, []);
    let result = code;
    for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        result = result.slice(0, start) + text + result.slice(end);
    }
    return result;
}
