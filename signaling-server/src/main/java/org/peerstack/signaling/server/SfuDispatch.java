package org.peerstack.signaling.server;

import io.netty.channel.Channel;
import java.util.function.Consumer;
import org.peerstack.exc.ErrorCode;
import org.peerstack.signaling.SignalingCodec;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Addressed;
import org.peerstack.signaling.SignalingMessage.ErrorMessage;
import org.peerstack.signaling.server.sfu.SfuRooms;

/**
 * What {@link PeerHandler} does differently in SFU rooms (docs/signaling-protocol.md, "SFU rooms"): which
 * joins cannot have an SFU room, where {@code offer}/{@code answer}/{@code candidate}/{@code bye} go
 * (to the member's {@link SfuSession} when addressed to {@value SfuRooms#PEER_ID}, refused with
 * {@code sfu-room} when addressed to another member), and how the SFU's messages reach the member.
 */
final class SfuDispatch {

    private SfuDispatch() {
    }

    /**
     * Why a join that wants an SFU room ({@code sfuIfNew}: {@code "sfu": true} or a name in {@code sfu.rooms})
     * cannot have one, or null when it can (or wants none).
     */
    static String unavailable(boolean sfuIfNew, SfuRooms sfuRooms) {
        if (sfuIfNew && sfuRooms == null) {
            return "this server has no SFU (sfu.enabled is false); join without \"sfu\": true for a mesh room";
        }
        return null;
    }

    /**
     * Handles an addressed message of member {@code from} of an SFU room; errors go to {@code errors}.
     * {@code session} is null until the member has one (never once joined on one node; in a cluster the
     * session waits for the room's placement and holds what comes meanwhile).
     */
    static void addressed(Addressed message, String from, SfuSession session, Consumer<ErrorMessage> errors) {
        String type = SignalingCodec.typeName(message.getClass());
        if (!SfuRooms.PEER_ID.equals(message.to())) {
            errors.accept(new ErrorMessage(ErrorCode.SFU_ROOM, "in an SFU room media goes through the server: send '"
                    + type + "' to \"" + SfuRooms.PEER_ID + "\", not to another member", type));
            return;
        }
        if (session == null) { // cannot happen once joined; never drop silently
            errors.accept(new ErrorMessage(ErrorCode.INTERNAL, "this connection has no SFU session", type));
            return;
        }
        session.accept(message.withFrom(from));
    }

    /** Sends the SFU's messages to a member from the bridge thread (errors counted as the handler counts them). */
    static Consumer<SignalingMessage> sender(Channel channel, ServerMetrics metrics) {
        return message -> {
            if (!channel.isActive()) {
                return;
            }
            if (message instanceof ErrorMessage error) {
                metrics.error(error.code());
            }
            channel.writeAndFlush(message);
        };
    }
}
