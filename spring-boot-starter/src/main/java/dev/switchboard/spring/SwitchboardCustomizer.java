package dev.switchboard.spring;

import dev.switchboard.HubServer;

/**
 * Changes what the {@code switchboard.*} properties and the application's beans cannot say, on the builder the
 * starter fills from them, before the hubs are built: a Jackson {@code ObjectMapper} of the hub protocol's own,
 * filters of one hub. Every bean of this type is applied, in their {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * SwitchboardCustomizer hubMapper() {
 *     return builder -> builder.objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()));
 * }
 * }</pre>
 *
 * <p>The hubs are the {@link MapHub} classes and the host's port, TLS and static files are the application's:
 * do not map hubs, set a port, TLS or static content here.
 */
@FunctionalInterface
public interface SwitchboardCustomizer {

    /**
     * Changes the builder.
     *
     * @param builder the builder, with the properties, the beans and the hubs already set
     */
    void customize(HubServer.Builder builder);
}
