package io.presencestream.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.server.HttpServerRequest;

/**
 * What a browser gets instead of the JSON error when it opens the wallboard without the token the
 * daemon requires: a short page saying how to open it. Nothing about the token is revealed.
 */
final class LoginHint {

  static final String PAGE = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>presence-stream: token required</title>
      <style>body{font:16px system-ui,sans-serif;background:#0e1116;color:#e6edf3;max-width:40em;margin:4em auto;padding:0 1em}
      code{background:#161b22;padding:.1em .3em;border-radius:4px}</style></head>
      <body><h1>This wallboard needs a token</h1>
      <p id="login-hint">The daemon requires a bearer token (the value of the variable named by
      <code>server.auth.tokenEnv</code>, <code>PRESENCE_STREAM_TOKEN</code> by default).
      Open the wallboard as <code>/?access_token=TOKEN</code>, with the token URL-encoded.</p>
      <form method="get" action="/"><label>Token <input type="password" name="access_token" autocomplete="current-password"></label>
      <button type="submit">Open</button></form>
      </body></html>
      """;

  private LoginHint() {}

  /** Whether the request is a browser opening the page itself (not a script calling the API). */
  static boolean wanted(HttpServerRequest request, String path) {
    if (!"/".equals(path) && !"/index.html".equals(path)) {
      return false;
    }
    String accept = request.requestHeaders().get(HttpHeaderNames.ACCEPT);
    return accept != null && accept.contains("text/html");
  }
}
