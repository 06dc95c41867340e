package dev.switchboard.bench.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The chat as a Spring team writes it by hand: a Spring Boot application on its embedded Tomcat, with
 * {@link ChatHandler} at {@code /chat}. Run by bench as {@code java -jar spring-server.jar --server.port=0}; it
 * prints {@code ready <port>}, answers {@code heap} on standard input as bench's own server does, and stops
 * when standard input ends.
 */
@SpringBootApplication
public class SpringChatServer {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    public static void main(String[] args) throws IOException {
        ConfigurableApplicationContext context = SpringApplication.run(SpringChatServer.class, args);
        System.out.println("ready " + context.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("heap")) {
                System.gc();
                System.out.println("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            } else {
                System.out.println("error unknown command " + command);
            }
            System.out.flush();
        }
        context.close();
    }

    /** The handler's one endpoint. */
    @Configuration
    @EnableWebSocket
    static class WebSocketConfig implements WebSocketConfigurer {

        private final ChatHandler handler;

        WebSocketConfig(ChatHandler handler) {
            this.handler = handler;
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(handler, "/chat");
        }

        /**
         * Tomcat agrees to permessage-deflate whenever a client offers it (browsers do): Tomcat 11 has no switch for
         * it, and it negotiates from the request's header whatever Spring's handshake handler selects. With
         * {@code chat.permessage-deflate=false} (also {@code -Dchat.permessage-deflate=false}) this filter hides
         * the offer from it.
         */
        @Bean
        @ConditionalOnProperty(name = "chat.permessage-deflate", havingValue = "false")
        FilterRegistrationBean<Filter> withoutDeflate() {
            Filter hideOffer = (request, response, chain) -> chain.doFilter(
                    new HttpServletRequestWrapper((HttpServletRequest) request) {
                        @Override
                        public String getHeader(String name) {
                            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
                        }

                        @Override
                        public Enumeration<String> getHeaders(String name) {
                            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                                    : super.getHeaders(name);
                        }
                    }, response);
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(hideOffer);
            registration.addUrlPatterns("/chat");
            return registration;
        }
    }
}
