package dev.switchboard.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README, of {@code docs/*.md}, of {@code bench/README.md} and of {@code CONTRIBUTING.md}
 * compiles against the current API. The README's example project's files compile as written; a fragment compiles with the imports below and, where it uses a class it does not declare, an
 * empty one of that name (its {@code ChatHub}, a Guice {@code MyModule}). {@code ConsumerProjectIT} runs the
 * example project.
 */
class ReadmeSnippetsTest {

    private static final String IMPORTS = """
            import com.google.inject.*;
            import dev.switchboard.*;
            import dev.switchboard.redis.*;
            import java.nio.file.*;
            import java.time.*;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.stream.*;
            import org.slf4j.*;
            import reactor.adapter.JdkFlowAdapter;
            """;
    private static final Map<String, String> STUBS = Map.of(
            "ChatHub", "class ChatHub extends Hub {}\n",
            "MyModule", "class MyModule extends AbstractModule {}\n");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(public |final |abstract )*(class|interface|record|enum) ");
    private static final Pattern MEMBER = Pattern.compile("^(public|protected|private|static)\\b.*\\(.*");

    @TempDir
    Path classes;

    @Test
    void theExampleProjectCompilesAsWritten() throws IOException {
        List<Readme.Block> files = Readme.load().blocks("java").stream().filter(b -> b.path().isPresent()).toList();
        assertFalse(files.isEmpty(), "the README has no example project (blocks starting // src/main/java/...)");
        List<JavaFileObject> sources = new ArrayList<>();
        for (Readme.Block file : files) {
            sources.add(source(file.path().orElseThrow(), file.text()));
        }
        assertEquals("", compile(sources), "the README's example project does not compile");
    }

    @TestFactory
    Stream<DynamicTest> everyFragmentCompiles() throws IOException {
        return fragments().map(fragment -> {
            String where = fragment.document().name() + " line " + fragment.block().line();
            return DynamicTest.dynamicTest(where, () -> {
                String pkg = "snippet." + fragment.document().name().replaceAll("\\W", "_").toLowerCase()
                        + ".line" + fragment.block().line();
                String unit = "package " + pkg + ";\n" + IMPORTS + wrap(fragment.block().text());
                assertEquals("", compile(List.of(source(pkg.replace('.', '/') + "/Snippet.java", unit))),
                        "the Java block of " + where + " does not compile:\n" + unit);
            });
        });
    }

    @Test
    void fragmentsAreFound() throws IOException {
        assertTrue(fragments().count() >= 5, "the Java blocks of the README and docs/ were not found");
    }

    /** A Java block that is not a file of the example project, with the document it is in. */
    private record Fragment(Readme document, Readme.Block block) {}

    private static Stream<Fragment> fragments() throws IOException {
        return Readme.documents().stream().flatMap(document -> document.blocks("java").stream()
                .filter(b -> b.path().isEmpty()).map(b -> new Fragment(document, b)));
    }

    /** A fragment as a compilation unit: types as they are, members in a hub, statements in a method. */
    private static String wrap(String text) {
        String body = text.replaceAll("(?m)^(\\s*)\\.\\.\\.\\s*$", "$1// ...");
        String unit;
        if (TYPE.matcher(body).find()) {
            unit = body.replaceAll("(?m)^public (?=(final |abstract )*(class|interface|record|enum) )", "");
        } else if (MEMBER.matcher(body.lines().filter(l -> !l.startsWith("@")).findFirst().orElse("")).matches()) {
            unit = "class Snippet extends Hub {\n" + body + "}\n";
        } else {
            unit = "class Snippet {\n    void run() throws Exception {\n" + body + "    }\n}\n";
        }
        StringBuilder stubs = new StringBuilder();
        STUBS.forEach((name, stub) -> {
            boolean used = Pattern.compile("\\b" + name + "\\b").matcher(unit).find();
            boolean declared = Pattern.compile("(class|interface|record) " + name + "\\b").matcher(unit).find();
            if (used && !declared) {
                stubs.append(stub);
            }
        });
        return unit + stubs;
    }

    private String compile(List<JavaFileObject> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                "-proc:none", "-Xlint:none", "-parameters");
        boolean ok = compiler.getTask(errors, null, null, options, null, sources).call();
        return ok ? "" : errors.toString();
    }

    private static JavaFileObject source(String path, String text) {
        return new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }
}
