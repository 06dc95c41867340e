/**
 * The Spring Boot starter: {@link dev.switchboard.spring.MapHub} hubs as Spring beans on the application's own
 * port, {@code HubContext<H>} beans, the {@code switchboard.*} properties and Spring Security's user as the hubs'
 * user. Added to an application by its dependency alone; see {@link dev.switchboard.spring.SwitchboardAutoConfiguration}.
 */
package dev.switchboard.spring;
