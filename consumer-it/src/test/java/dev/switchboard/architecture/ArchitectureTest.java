package dev.switchboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering the build enforces: only hub-server's own code may use {@code dev.switchboard.internal}, and
 * the public API ({@code dev.switchboard}) and the SPI ({@code dev.switchboard.spi}) name no internal type in
 * what they show. It reads the compiled classes of the other modules from their target directories, which this
 * module's pom makes the reactor build first; here, rather than one test per module, so that one rule covers
 * every module, including those added later to the list below.
 */
class ArchitectureTest {

    private static final String INTERNAL = "dev.switchboard.internal..";
    /** The modules that use Switchboard as its users do: main and test classes. */
    private static final List<String> CONSUMERS = List.of("hub-redis", "hub-servlet", "test-support",
            "spring-boot-starter", "samples/chat", "samples/ticker", "samples/echo", "samples/spring-chat", "bench",
            "consumer-it");
    private static final Path ROOT = Path.of(System.getProperty("reactor.root", ".."));

    @Test
    void onlyHubServerUsesInternals() {
        List<Path> dirs = new ArrayList<>();
        for (String module : CONSUMERS) {
            Path main = ROOT.resolve(module).resolve("target/classes");
            Path test = ROOT.resolve(module).resolve("target/test-classes");
            if (!module.equals("consumer-it")) {
                assertTrue(hasClasses(main), "no compiled classes in " + main + ": build the reactor first");
                dirs.add(main);
            }
            if (hasClasses(test)) {
                dirs.add(test);
            }
        }
        JavaClasses consumers = new ClassFileImporter().importPaths(dirs);
        noClasses().should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .because("only hub-server may use its internals; extend it through dev.switchboard.spi")
                .check(consumers);
    }

    @Test
    void theSpringBootStarterUsesTheApiTheSpiAndHubServletsOnly() {
        Path main = ROOT.resolve("spring-boot-starter/target/classes");
        assertTrue(hasClasses(main), "no compiled classes in " + main + ": build the reactor first");
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.switchboard..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("dev.switchboard",
                                "dev.switchboard.spi..", "dev.switchboard.servlet", "dev.switchboard.spring.."))))
                .because("the starter is a host like any other: the API, the SPI and hub-servlet's public API")
                .check(new ClassFileImporter().importPath(main));
    }

    @Test
    void publicSignaturesNameNoInternalType() {
        Path main = ROOT.resolve("hub-server/target/classes");
        assertTrue(hasClasses(main), "no compiled classes in " + main + ": build the reactor first");
        JavaClasses hubServer = new ClassFileImporter().importPath(main);
        classes().that().resideInAnyPackage("dev.switchboard", "dev.switchboard.spi", "dev.switchboard.spi.host")
                .and().arePublic()
                .should(nameNoInternalType())
                .because("the public API and the SPI are all a user sees; internal types may change at any time")
                .check(hubServer);
    }

    /** Supertypes, and the types of the public and protected fields, methods and constructors, with their generics. */
    private static ArchCondition<JavaClass> nameNoInternalType() {
        DescribedPredicate<JavaClass> internal = JavaClass.Predicates.resideInAPackage(INTERNAL);
        return new ArchCondition<>("name no internal type in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                type.getRawSuperclass().filter(internal).ifPresent(raw -> found.add("extends " + raw.getName()));
                type.getInterfaces().forEach(i -> involved(i, internal, "implements", found));
                for (JavaMember member : type.getMembers()) {
                    if (!shown(member)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        involved(field.getType(), internal, field.getName(), found);
                    } else if (member instanceof JavaCodeUnit code) {
                        involved(code.getReturnType(), internal, code.getFullName(), found);
                        code.getParameterTypes().forEach(p -> involved(p, internal, code.getFullName(), found));
                        code.getExceptionTypes().forEach(e -> involved(e, internal, code.getFullName(), found));
                    }
                }
                found.forEach(what -> events.add(SimpleConditionEvent.violated(type, type.getName() + ": " + what)));
            }
        };
    }

    private static boolean shown(JavaMember member) {
        return (member.getModifiers().contains(JavaModifier.PUBLIC)
                || member.getModifiers().contains(JavaModifier.PROTECTED))
                && !member.getModifiers().contains(JavaModifier.SYNTHETIC);
    }

    private static void involved(JavaType type, DescribedPredicate<JavaClass> internal, String where,
                                 List<String> found) {
        type.getAllInvolvedRawTypes().stream().filter(internal)
                .forEach(raw -> found.add(where + " names " + raw.getName()));
    }

    private static boolean hasClasses(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(file -> file.toString().endsWith(".class"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
