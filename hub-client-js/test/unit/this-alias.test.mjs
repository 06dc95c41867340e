// The minified build's `this` aliasing (scripts/this-alias.mjs): same behaviour, fewer `this`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { aliasThis } from "../../scripts/this-alias.mjs";

/** Runs a script that sets `result`, as it is and aliased, and gives both results and the aliased text. */
const both = (code, threshold = 2) => {
    const run = (script) => new Function(`let result; ${script}; return result;`)();
    const aliased = aliasThis(code, threshold);
    return { plain: run(code), aliased: run(aliased), text: aliased };
};

describe("aliasThis", () => {
    test("aliases the `this` of a method and of the arrow functions in it", () => {
        const { plain, aliased, text } = both(`class A { x = 1; z = this.x;
                f() { const g = () => this.x; return this.x + g() + this.x; } }
            result = new A().f();`);
        assert.equal(aliased, plain);
        assert.equal(text.match(/\bthis\b/g).length, 2, "one in the alias, the field initializer's is its own");
    });

    test("leaves a derived class's constructor, field initializers and nested functions' own `this`", () => {
        const { plain, aliased, text } = both(`class A { constructor() { this.a = 1; } }
            class B extends A { y = this.a + this.a; constructor() { super(); this.b = this.a + 1; this.c = 2; }
                m() { const o = { v: 5, get w() { return this.v + this.v; } }; return [this.b, this.b, o.w,
                    function () { return this; }.call(7)]; } }
            result = JSON.stringify([new B(), new B().m()]);`);
        assert.equal(aliased, plain);
        assert.match(text, /super\(\); this\.b = this\.a/);
    });

    test("leaves functions that name `this` less often than the threshold", () => {
        const code = "function f() { return this; } result = f.call(3);";
        assert.equal(aliasThis(code, 2), code);
    });

    test("keeps a directive first", () => {
        const { plain, aliased } = both(
            `function f() { "use strict"; return [this, this]; } result = f.call(undefined)[0];`);
        assert.equal(aliased, plain);
    });
});
