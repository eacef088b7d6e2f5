package org.peerstack.signaling.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;

/**
 * First handler of every connection: asks the {@link ConnectionBudget} whether it may stay. A
 * connection over its address's limits, or over the caps with the admin reserve used up, is closed at
 * once (counted in {@code signaling_refused_total{reason}}, logged as a client fault); one admitted for
 * the admin endpoints only is answered by {@link HandshakeGate}. Admitted connections are registered for
 * graceful shutdown; the ticket is given back when the connection closes.
 */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private final ConnectionBudget budget;
    private final ServerMetrics metrics;
    private final ClientFaults faults;
    private final ChannelGroup channels;

    ConnectionGate(ConnectionBudget budget, ServerMetrics metrics, ClientFaults faults, ChannelGroup channels) {
        this.budget = budget;
        this.metrics = metrics;
        this.faults = faults;
        this.channels = channels;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String refusal = budget.admit(ctx.channel());
        if (refusal != null) {
            metrics.refused(refusal);
            faults.report(refusal, ctx.channel().remoteAddress(), "connection closed at once");
            ctx.close();
            return;
        }
        metrics.connections().incrementAndGet();
        channels.add(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ConnectionBudget.Ticket ticket = ctx.channel().attr(ConnectionBudget.TICKET).get();
        if (ticket != null) {
            ticket.release();
            metrics.connections().decrementAndGet();
        }
        super.channelInactive(ctx);
    }
}
