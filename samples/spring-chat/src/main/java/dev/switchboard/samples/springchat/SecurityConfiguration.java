package dev.switchboard.samples.springchat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may use the chat: everything needs a signed-in user; the page's visitors sign in with the form at
 * {@code /login}, scripts with HTTP Basic. The hub's path answers 401 rather than redirecting to the form, and takes
 * the SignalR clients' POSTs without CSRF tokens (the hubs let in pages of this origin only); the REST endpoint
 * needs the role ADMIN, and a CSRF token unless the request carries its own credentials (HTTP Basic), which no
 * other site's page can make a browser send.
 */
@Configuration
public class SecurityConfiguration {

    /** The hub's path and everything below it (negotiate, the transports), in any case, as hub paths match. */
    static final RequestMatcher CHAT = request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equalsIgnoreCase("/chat") || path.regionMatches(true, 0, "/chat/", 0, 6);
    };

    /** A request that brings its own credentials. */
    static final RequestMatcher CREDENTIALS = request -> request.getHeader("Authorization") != null;

    /** A request to the REST API. */
    static final RequestMatcher API = request ->
            request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(API).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(CHAT, CREDENTIALS))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), CHAT)
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), API))
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    /** The sample's users, in memory; see the README. */
    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ada").password("{noop}ada").roles("USER", "ADMIN").build(),
                User.withUsername("grace").password("{noop}grace").roles("USER").build(),
                User.withUsername("linus").password("{noop}linus").roles("USER").build());
    }
}
