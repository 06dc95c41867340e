package dev.switchboard.samples.springchat;

import dev.switchboard.HubContext;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/announcements}: an admin posts the request's text to everyone in the room, from outside any hub
 * call, through the hub's {@link HubContext}. The room shows it as a message from "announcement by name".
 */
@RestController
public class Announcements {

    /** The group every joined connection is in (the chat sample's {@code ChatHub.EVERYONE}). */
    static final String EVERYONE = "everyone";

    private final HubContext<SpringChatHub> chat;

    /**
     * The controller.
     *
     * @param chat the chat hub's context
     */
    public Announcements(HubContext<SpringChatHub> chat) {
        this.chat = chat;
    }

    /**
     * Posts an announcement.
     *
     * @param text the announcement, plain text
     * @param user who posts it
     * @return 202 once it is on its way to every joined connection, 400 for an empty text
     */
    @PostMapping("/api/announcements")
    public CompletableFuture<ResponseEntity<Void>> announce(@RequestBody(required = false) String text,
                                                            Authentication user) {
        if (text == null || text.isBlank()) {
            return CompletableFuture.completedFuture(ResponseEntity.badRequest().build());
        }
        return chat.clients().group(EVERYONE).send("message", "announcement by " + user.getName(), text.strip())
                .thenApply(sent -> ResponseEntity.status(HttpStatus.ACCEPTED).build());
    }
}
