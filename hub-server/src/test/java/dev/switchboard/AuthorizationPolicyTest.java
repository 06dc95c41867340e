package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.PolicyHub;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.internal.auth.AuthorizeRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthorizationPolicy} and {@link Authorize#policy()} without a server: requirements, claims as ASP.NET Core
 * matches them, roles and policy combined, and the start-up errors.
 */
class AuthorizationPolicyTest {

    private static final HubUser ED = new HubUser("ed", Set.of("editor"),
            Map.of("Department", "news", "scope", List.of("read", "write"), "level", 3));

    @Test
    void everyRequirementMustBeMet() {
        AuthorizationPolicy policy = AuthorizationPolicy.builder()
                .requireRole("admin", "editor")
                .requireClaim("department", "news")
                .requireAssertion(user -> !user.userId().startsWith("guest"))
                .build();
        assertTrue(policy.allows(ED));
        assertFalse(policy.allows(new HubUser("guest-ed", Set.of("editor"), Map.of("department", "news"))));
        assertFalse(policy.allows(new HubUser("ed", Set.of("reader"), Map.of("department", "news"))));
        assertFalse(policy.allows(new HubUser("ed", Set.of("admin"), Map.of("department", "sport"))));
        assertFalse(policy.allows(null), "an anonymous request never meets a policy");
        assertTrue(AuthorizationPolicy.builder().build().allows(HubUser.of("anyone")));
    }

    @Test
    void claimTypesMatchIgnoringCaseAndValuesExactly() {
        assertTrue(ED.hasClaim("DEPARTMENT"));
        assertTrue(ED.hasClaim("department", "sport", "news"));
        assertFalse(ED.hasClaim("department", "News"));
        assertTrue(ED.hasClaim("scope", "write"), "each value of a multi-valued claim counts");
        assertTrue(ED.hasClaim("level", "3"), "a number is compared as its text");
        assertFalse(ED.hasClaim("missing"));
        assertEquals(List.of("read", "write"), ED.claimValues("Scope"));
        assertEquals(List.of(), ED.claimValues("missing"));
    }

    @Test
    void aThrowingAssertionDenies() {
        AuthorizationPolicy policy = AuthorizationPolicy.builder()
                .requireAssertion(user -> {
                    throw new IllegalStateException("directory down");
                })
                .build();
        assertFalse(policy.allows(ED));
    }

    @Test
    void rolesAndPolicyOfOneAuthorizeMustBothPass() throws Exception {
        AuthorizeRule retract = AuthorizeRule.of(PolicyHub.class.getMethod("retract", String.class),
                Map.of(PolicyHub.EDITORS, PolicyHub.editors()));
        assertTrue(retract.allows(new HubUser("chief", Set.of("admin"), Map.of("department", "news"))));
        assertFalse(retract.allows(new HubUser("ed", Set.of(), Map.of("department", "news"))));
        assertFalse(retract.allows(new HubUser("bob", Set.of("admin"), Map.of())));
    }

    @Test
    void anUnknownPolicyFailsTheBuildSayingWhich() {
        IllegalArgumentException onMethod = assertThrows(IllegalArgumentException.class, () -> HubServer.builder()
                .port(0).authenticator((request, token) -> null)
                .hub("/policy", PolicyHub.class).build());
        assertEquals("Hub method " + PolicyHub.class.getName() + ".publish has @Authorize(policy = \"editors\"), "
                + "but no authorization policy is named 'editors': register it with authorizationPolicy(\"editors\", "
                + "...) on the server's builder", onMethod.getMessage());

        IllegalArgumentException onHub = assertThrows(IllegalArgumentException.class, () -> HubServer.builder()
                .port(0).authenticator((request, token) -> null)
                .authorizationPolicy("writers", AuthorizationPolicy.builder().build())
                .hub("/editors", PolicyHub.EditorsHub.class).buildHost());
        assertEquals("Hub " + PolicyHub.EditorsHub.class.getName() + " has @Authorize(policy = \"editors\"), but no "
                + "authorization policy is named 'editors': register it with authorizationPolicy(\"editors\", ...) "
                + "on the server's builder (registered: [writers])", onHub.getMessage());
    }

    @Test
    void aPolicyNameIsRegisteredOnce() {
        AuthorizationPolicy any = AuthorizationPolicy.builder().build();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> HubServer.builder()
                .authorizationPolicy("staff", any).authorizationPolicy("staff", any));
        assertEquals("An authorization policy named 'staff' is registered already", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HubServer.builder().authorizationPolicy(" ", any));
        assertThrows(IllegalArgumentException.class, () -> AuthorizationPolicy.builder().requireRole());
    }

    @Test
    void hubPathsThatDifferOnlyInCaseFailTheBuild() {
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> HubServer.builder()
                .port(0).hub("/chat", TestHub.class).hub("/Chat", TestHub.class).build());
        assertEquals("Hubs are mapped at /chat and /Chat, which differ only in case: hub paths are matched ignoring "
                + "case, as in ASP.NET Core", clash.getMessage());
    }
}
