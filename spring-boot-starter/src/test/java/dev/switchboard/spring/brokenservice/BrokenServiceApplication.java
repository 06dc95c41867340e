package dev.switchboard.spring.brokenservice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose one hub has a method that takes a bean nobody defines. */
@SpringBootApplication
public class BrokenServiceApplication {
}
