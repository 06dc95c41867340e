package dev.switchboard.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.internal.protocol.JsonMappers;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubDescriptorTest {

    private static final ObjectMapper MAPPER = JsonMappers.signalR();

    public static class CalcHub extends Hub {
        @HubMethod
        public int add(int a, int b) {
            return a + b;
        }

        @HubMethod("renamed")
        public String echo(String text) {
            return text;
        }

        public void notMarked() {
        }
    }

    public static class BaseHub extends Hub {
        @HubMethod
        public String hello() {
            return "base";
        }
    }

    public static class DerivedHub extends BaseHub {
        @HubMethod
        public int twice(int value) {
            return 2 * value;
        }
    }

    public static class OverridingHub extends BaseHub {
        @Override
        @HubMethod
        public String hello() {
            return "override";
        }
    }

    public static class UnmarkedOverrideHub extends BaseHub {
        @Override
        public String hello() {
            return "unmarked override";
        }
    }

    public abstract static class GenericBaseHub<T> extends Hub {
        @HubMethod
        public abstract String echo(T value);
    }

    public static class StringEchoHub extends GenericBaseHub<String> {
        @Override
        @HubMethod
        public String echo(String value) {
            return value;
        }
    }

    public static class OverloadHub extends Hub {
        @HubMethod
        public int add(int a, int b) {
            return a + b;
        }

        @HubMethod
        public double add(double a, double b) {
            return a + b;
        }
    }

    public static class CaseClashHub extends Hub {
        @HubMethod
        public void send() {
        }

        @HubMethod
        public void Send() {
        }
    }

    public static class RenameClashHub extends Hub {
        @HubMethod
        public void add() {
        }

        @HubMethod("ADD")
        public void plus() {
        }
    }

    public static class ProtectedHub extends Hub {
        @HubMethod
        protected void hidden() {
        }
    }

    public static class PackagePrivateHub extends Hub {
        @HubMethod
        void hidden() {
        }
    }

    public static class StaticHub extends Hub {
        @HubMethod
        public static void util() {
        }
    }

    @Test
    void methodsAreFoundCaseInsensitively() {
        HubDescriptor descriptor = HubDescriptor.of(CalcHub.class, MAPPER);
        assertSame(CalcHub.class, descriptor.hubType());
        HubMethodDescriptor add = descriptor.find("ADD");
        assertNotNull(add);
        assertEquals("add", add.name());
        assertSame(add, descriptor.find("Add"));
        assertSame(add, descriptor.find("add"));
        assertNull(descriptor.find("subtract"));
    }

    @Test
    void unmarkedMethodsAreNotHubMethods() {
        HubDescriptor descriptor = HubDescriptor.of(CalcHub.class, MAPPER);
        assertNull(descriptor.find("notMarked"));
        assertNull(descriptor.find("onConnected"));
        assertNull(descriptor.find("toString"));
    }

    @Test
    void annotationValueRenamesTheMethod() {
        HubDescriptor descriptor = HubDescriptor.of(CalcHub.class, MAPPER);
        assertNotNull(descriptor.find("RENAMED"));
        assertEquals("echo", descriptor.find("renamed").method().getName());
        assertNull(descriptor.find("echo"));
        assertEquals(Set.of("add", "renamed"), descriptor.methodNames());
    }

    @Test
    void inheritedMethodsAreFound() {
        HubDescriptor descriptor = HubDescriptor.of(DerivedHub.class, MAPPER);
        assertEquals(Set.of("hello", "twice"), descriptor.methodNames());
    }

    @Test
    void markedOverrideIsNotADuplicateAndItsBodyRuns() throws Throwable {
        HubMethodDescriptor hello = HubDescriptor.of(OverridingHub.class, MAPPER).find("hello");
        assertSame(OverridingHub.class, hello.method().getDeclaringClass());
        assertEquals("override", hello.invoke(new OverridingHub(), new Object[0]));
    }

    @Test
    void unmarkedOverrideOfAMarkedMethodIsCalled() throws Throwable {
        HubMethodDescriptor hello = HubDescriptor.of(UnmarkedOverrideHub.class, MAPPER).find("hello");
        assertNotNull(hello);
        assertEquals("unmarked override", hello.invoke(new UnmarkedOverrideHub(), new Object[0]));
    }

    @Test
    void overrideOfAGenericSuperclassMethodIsNotADuplicate() throws Throwable {
        HubDescriptor descriptor = HubDescriptor.of(StringEchoHub.class, MAPPER);
        assertEquals(Set.of("echo"), descriptor.methodNames());
        assertEquals("hi", descriptor.find("echo").invoke(new StringEchoHub(), new Object[] {"hi"}));
    }

    @Test
    void overloadsAreRejectedNamingBothMethods() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubDescriptor.of(OverloadHub.class, MAPPER));
        String message = e.getMessage();
        assertTrue(message.contains("two methods named 'add'"), message);
        assertTrue(message.contains("OverloadHub.add(int, int)"), message);
        assertTrue(message.contains("OverloadHub.add(double, double)"), message);
    }

    @Test
    void namesDifferingOnlyInCaseAreRejected() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> HubDescriptor.of(CaseClashHub.class, MAPPER)).getMessage();
        assertTrue(message.toLowerCase().contains("two methods named 'send'"), message);
        assertTrue(message.contains("CaseClashHub.send()"), message);
        assertTrue(message.contains("CaseClashHub.Send()"), message);
    }

    @Test
    void renamedMethodClashingWithAnotherNameIsRejected() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> HubDescriptor.of(RenameClashHub.class, MAPPER)).getMessage();
        assertTrue(message.contains("RenameClashHub.add()"), message);
        assertTrue(message.contains("RenameClashHub.plus()"), message);
    }

    @Test
    void nonPublicMarkedMethodsAreRejected() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> HubDescriptor.of(ProtectedHub.class, MAPPER)).getMessage();
        assertEquals("Hub method ProtectedHub.hidden must be public and not static", message);
        assertThrows(IllegalArgumentException.class, () -> HubDescriptor.of(PackagePrivateHub.class, MAPPER));
    }

    @Test
    void staticMarkedMethodsAreRejected() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> HubDescriptor.of(StaticHub.class, MAPPER)).getMessage();
        assertEquals("Hub method StaticHub.util must be public and not static", message);
    }
}
