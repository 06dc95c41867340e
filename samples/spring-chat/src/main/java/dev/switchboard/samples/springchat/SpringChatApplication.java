package dev.switchboard.samples.springchat;

import dev.switchboard.samples.chat.ChatRoom;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The chat room as a Spring Boot application: the page at {@code /} and the hub at {@code /chat}, on the port
 * {@code server.port} says (8080), for users signed in with Spring Security's form login.
 */
@SpringBootApplication
public class SpringChatApplication {

    /**
     * Starts the application; {@code --server.port=9090} and the other Spring Boot arguments apply.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SpringChatApplication.class, args);
    }

    /** The one chat room of this server, which the hub, made per call, shares. */
    @Bean
    ChatRoom chatRoom() {
        return new ChatRoom();
    }
}
