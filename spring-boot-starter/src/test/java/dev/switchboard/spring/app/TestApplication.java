package dev.switchboard.spring.app;

import dev.switchboard.AuthorizationPolicy;
import dev.switchboard.spring.PrincipalAuthenticator;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import dev.switchboard.HubContext;

/**
 * The test application: the starter, hubs found by component scanning, a service they are given, a REST controller
 * that broadcasts through a {@code HubContext}, and Spring Security with HTTP Basic and form login, where
 * {@code /secure} needs a user.
 */
@SpringBootApplication
public class TestApplication {

    /** The name of the {@link #admins()} policy: its bean's. */
    public static final String ADMINS_POLICY = "admins";

    public static void main(String[] args) {
        SpringApplication.run(TestApplication.class, args);
    }

    /**
     * Paths under {@code prefix}, as servlet paths go: the prefix itself and what is below it, in any case, since hub
     * paths match ignoring case (as in ASP.NET Core).
     */
    static RequestMatcher under(String prefix) {
        return request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.equalsIgnoreCase(prefix) || path.regionMatches(true, 0, prefix + "/", 0, prefix.length() + 1);
        };
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(under("/secure")).authenticated()
                        .anyRequest().permitAll())
                // The SignalR clients POST (negotiate, long polling's sends) without CSRF tokens.
                .csrf(csrf -> csrf.ignoringRequestMatchers(under("/chat"), under("/secure"), under("/api")))
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                // A client negotiating without a user is answered 401, not redirected to the login page.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), under("/secure")));
        return http.build();
    }

    /** A policy, named after its bean: Spring Security's authority {@code ROLE_ADMIN}, as a claim. */
    @Bean(ADMINS_POLICY)
    AuthorizationPolicy admins() {
        return AuthorizationPolicy.builder().requireClaim(PrincipalAuthenticator.AUTHORITIES, "ROLE_ADMIN").build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("ADMIN", "USER").build(),
                User.withUsername("bob").password("{noop}bob-pw").roles("USER").build());
    }

    /** A hub filter bean, which the starter applies to every hub: it marks what {@code greet} returns. */
    @org.springframework.stereotype.Component
    public static class MarkingFilter implements dev.switchboard.HubFilter {

        private final Greeter greeter;

        public MarkingFilter(Greeter greeter) {
            this.greeter = greeter;
        }

        @Override
        public Object invokeMethod(dev.switchboard.HubInvocationContext call, InvocationNext next) throws Exception {
            Object result = next.invoke(call);
            return call.hubMethodName().equals("greet") ? result + " (filtered by " + greeter.getClass().getSimpleName() + "'s filter)" : result;
        }
    }

    /** A service the hubs are given by constructor injection. */
    @Service
    public static class Greeter {
        public String greet(String name) {
            return "Hello, " + name;
        }
    }

    /** Two beans of one type, told apart by {@code @Qualifier}, for hub methods that take one as a parameter. */
    public record Salutation(String text) {
    }

    @Bean
    @org.springframework.beans.factory.annotation.Qualifier("formal")
    Salutation formalSalutation() {
        return new Salutation("Good day");
    }

    @Bean
    Salutation casualSalutation() {
        return new Salutation("Hi");
    }

    /** A prototype bean: a hub method that takes it gets a new one for every call. */
    @org.springframework.stereotype.Component
    @org.springframework.context.annotation.Scope("prototype")
    public static class CallNumber {
        private static final java.util.concurrent.atomic.AtomicInteger MADE =
                new java.util.concurrent.atomic.AtomicInteger();
        private final int value = MADE.incrementAndGet();

        public int value() {
            return value;
        }
    }

    /** Broadcasts to the chat hub's clients from outside any hub call. */
    @RestController
    public static class Announcements {

        private final HubContext<ChatHub> chat;
        private final ServletContext servletContext;

        public Announcements(HubContext<ChatHub> chat, ServletContext servletContext) {
            this.chat = chat;
            this.servletContext = servletContext;
        }

        @PostMapping("/api/announcements")
        public String announce(@RequestBody String text) {
            chat.clients().all().send("message", "announcement: " + text);
            return "sent";
        }

        @GetMapping("/api/server")
        public String server(HttpServletRequest request) {
            return servletContext.getServerInfo();
        }

        public HubContext<ChatHub> context() {
            return chat;
        }
    }
}
