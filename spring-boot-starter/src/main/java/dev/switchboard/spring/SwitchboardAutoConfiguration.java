package dev.switchboard.spring;

import dev.switchboard.Authenticator;
import dev.switchboard.AuthorizationPolicy;
import dev.switchboard.Backplane;
import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.HubFilter;
import dev.switchboard.HubServer;
import dev.switchboard.UserIdProvider;
import dev.switchboard.servlet.HubServlets;
import dev.switchboard.spi.host.HubHost;
import jakarta.servlet.ServletContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;

/**
 * Maps every {@link MapHub} hub of a Spring Boot servlet application on its own port, through hub-servlet's
 * {@link HubServlets}: the hubs are prototype beans, each hub's {@code HubContext<H>} is a bean, the
 * {@code switchboard.*} properties ({@link SwitchboardProperties}) set the options, and the application's
 * {@link Authenticator}, {@link HubFilter}, {@link Backplane} and {@link UserIdProvider} beans are used, with
 * {@link SwitchboardCustomizer}s for the rest. Each {@link AuthorizationPolicy} bean is a policy named after the
 * bean, for {@code @Authorize(policy = "beanName")}. Without an {@code Authenticator} bean, the servlet container's user
 * (Spring Security's {@code Authentication}) is the hub's user ({@link PrincipalAuthenticator}).
 *
 * <p>The hubs start with the servlet context. They stop, draining their connections, before the web server's
 * graceful shutdown begins, so that held long polls, event streams and WebSockets are ended by the hubs (clients
 * told to reconnect) rather than waited for or cut by the server.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HubServlets.class, ServletContext.class})
@ConditionalOnProperty(prefix = "switchboard", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SwitchboardProperties.class)
public class SwitchboardAutoConfiguration {

    /** Made by Spring Boot. */
    public SwitchboardAutoConfiguration() {
    }

    /**
     * Finds the {@link MapHub} hubs and registers their {@code HubContext<H>} beans.
     *
     * @return the registrar
     */
    @Bean
    public static HubContextRegistrar switchboardHubContextRegistrar() {
        return new HubContextRegistrar();
    }

    /**
     * The hubs, built from the properties and the application's beans; started and stopped with the servlet
     * context.
     *
     * @param registrar the mapped hubs
     * @param beans the application's bean factory, with its {@link AuthorizationPolicy} beans
     * @param properties the {@code switchboard.*} properties
     * @param authenticator the application's authenticator, if it has one
     * @param filters the application's hub filters, applied to every hub in their order
     * @param backplane the application's backplane, if it has one
     * @param userIdProvider the application's user id provider, if it has one
     * @param customizers the application's customizers, applied last in their order
     * @return the hubs
     */
    @Bean(destroyMethod = "")
    public HubHost switchboardHubHost(HubContextRegistrar registrar, ConfigurableListableBeanFactory beans,
                                     SwitchboardProperties properties, ObjectProvider<Authenticator> authenticator,
                                     ObjectProvider<HubFilter> filters, ObjectProvider<Backplane> backplane,
                                     ObjectProvider<UserIdProvider> userIdProvider,
                                     ObjectProvider<SwitchboardCustomizer> customizers) {
        Map<Class<?>, HubContext<?>> contexts = new LinkedHashMap<>();
        for (Class<? extends Hub> hubType : registrar.hubs().values()) {
            contexts.put(hubType, (HubContext<?>) beans.getBean(HubContextRegistrar.contextBeanName(hubType)));
        }
        HubServer.Builder builder = HubServer.builder()
                .activator(new SpringHubActivator(beans, contexts))
                .options(properties.getHub().toHubOptions())
                .limits(properties.getLimits().toServerLimits())
                .shutdownTimeout(properties.getShutdownTimeout())
                .maxConnections(properties.getMaxConnections())
                .authenticator(authenticator.getIfAvailable(PrincipalAuthenticator::new));
        if (properties.getHubThreads() > 0) {
            builder.hubThreads(properties.getHubThreads());
        }
        if (!properties.getAllowedOrigins().isEmpty()) {
            builder.allowedOrigins(properties.getAllowedOrigins().toArray(String[]::new));
        }
        if (properties.getAccessTokenCookie() != null && !properties.getAccessTokenCookie().isBlank()) {
            builder.accessTokenCookie(properties.getAccessTokenCookie());
        }
        beans.getBeansOfType(AuthorizationPolicy.class).forEach(builder::authorizationPolicy);
        backplane.ifAvailable(builder::backplane);
        userIdProvider.ifAvailable(builder::userIdProvider);
        filters.orderedStream().forEach(builder::filter);
        registrar.hubs().forEach(builder::hub);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.buildHost();
    }

    /**
     * Registers the hubs in the servlet context as it starts (hub paths, their WebSocket upgrades and the browser
     * client at {@code /switchboard/*}).
     *
     * @param host the hubs
     * @return the initializer
     */
    @Bean
    public ServletContextInitializer switchboardServletInitializer(HubHost host) {
        return context -> HubServlets.register(context, host);
    }

    /**
     * Stops the hubs before the web server's graceful shutdown.
     *
     * @param host the hubs
     * @return the life cycle
     */
    @Bean
    public SwitchboardLifecycle switchboardLifecycle(HubHost host) {
        return new SwitchboardLifecycle(host);
    }
}
