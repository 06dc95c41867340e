package dev.switchboard.spring.broken;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose one hub Spring cannot make. */
@SpringBootApplication
public class BrokenApplication {
}
