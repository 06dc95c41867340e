package dev.switchboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a method of a {@link ClientInterface client interface} the name of the client method it calls,
 * when that is not its Java name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ClientMethod {

    /** {@return the client method's name, as the client registers its handler} */
    String value();
}
