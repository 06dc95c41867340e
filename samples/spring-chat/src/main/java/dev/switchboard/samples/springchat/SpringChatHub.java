package dev.switchboard.samples.springchat;

import dev.switchboard.Authorize;
import dev.switchboard.samples.chat.ChatHub;
import dev.switchboard.samples.chat.ChatRoom;
import dev.switchboard.spring.MapHub;

/**
 * The chat sample's hub, the same contract ({@code join}, {@code send}, rooms, {@code users}; {@code userJoined},
 * {@code userLeft}, {@code message}, {@code roomMessage}), mapped at {@code /chat} as a Spring bean and open to
 * signed-in users only: a negotiate without a session is answered 401.
 */
@MapHub("/chat")
@Authorize
public class SpringChatHub extends ChatHub {

    /**
     * A hub for one call.
     *
     * @param room the chat room bean
     */
    public SpringChatHub(ChatRoom room) {
        super(room);
    }
}
