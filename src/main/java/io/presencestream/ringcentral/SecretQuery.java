package io.presencestream.ringcentral;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Puts the WebSocket upgrade's secret query ({@code access_token}, {@code wsc}) on the request line
 * as it leaves, and only there. Reactor Netty logs the URI it is given at DEBUG ("Handler is being
 * applied: {uri=…}", "Attempting to perform websocket handshake with …"), so the client is given the
 * gateway's bare URI and this handler, right after the HTTP codec, appends the query to the one
 * upgrade request, then leaves the pipeline.
 */
final class SecretQuery extends ChannelOutboundHandlerAdapter {

  /** The handler's name in the pipeline. */
  static final String NAME = "presence.secretQuery";

  private final String query;

  /** @param query {@code name=value&…}, already URL-encoded */
  SecretQuery(String query) {
    this.query = query;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof HttpRequest request) {
      String uri = request.uri();
      request.setUri(uri + (uri.contains("?") ? "&" : "?") + query);
      ctx.pipeline().remove(this);
    }
    ctx.write(msg, promise);
  }

  @Override
  public String toString() {
    return "SecretQuery[***]";
  }
}
