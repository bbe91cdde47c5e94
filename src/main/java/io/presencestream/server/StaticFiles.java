package io.presencestream.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files under one classpath folder. A request path is accepted only as plain segments of
 * {@code [A-Za-z0-9_-]} with an optional {@code .extension} (checked after percent-decoding), so
 * {@code ..}, encoded slashes, backslashes and hidden files cannot name anything outside the folder;
 * only files with a known content type are served, and never directories. Reads are blocking: call
 * {@link #read} off event loops. Found files are cached (the set is fixed by the classpath).
 */
final class StaticFiles {

  /** A file's bytes and content type. */
  record File(byte[] bytes, String contentType) {}

  private static final int MAX_FILE_BYTES = 8 * 1024 * 1024;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("htm", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("webp", "image/webp"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("map", "application/json"));

  private final String root;
  private final ClassLoader loader;
  private final Map<String, File> cache = new ConcurrentHashMap<>();

  StaticFiles(String root, ClassLoader loader) {
    this.root = root;
    this.loader = loader;
  }

  /**
   * The relative resource path for a decoded request path ({@code /} = {@code index.html}), or empty
   * when the path is not an acceptable file name. Does no I/O.
   */
  static Optional<String> resolve(String decodedPath) {
    if (decodedPath.isEmpty() || decodedPath.equals("/")) {
      return Optional.of("index.html");
    }
    if (!decodedPath.startsWith("/") || decodedPath.endsWith("/")) {
      return Optional.empty();
    }
    String[] segments = decodedPath.substring(1).split("/", -1);
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        return Optional.empty();
      }
    }
    String last = segments[segments.length - 1];
    int dot = last.lastIndexOf('.');
    if (dot < 0 || !TYPES.containsKey(last.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(String.join("/", segments));
  }

  /** The file at a path returned by {@link #resolve}, if the classpath has it. Blocking. */
  Optional<File> read(String relative) throws IOException {
    File cached = cache.get(relative);
    if (cached != null) {
      return Optional.of(cached);
    }
    URL url = loader.getResource(root + "/" + relative);
    if (url == null || !isRegularFile(url)) {
      return Optional.empty();
    }
    byte[] bytes;
    URLConnection connection = url.openConnection();
    connection.setUseCaches(false);
    try (InputStream in = connection.getInputStream()) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IOException("static file larger than " + MAX_FILE_BYTES + " bytes: " + relative);
    }
    String extension = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    File file = new File(bytes, TYPES.get(extension));
    cache.put(relative, file);
    return Optional.of(file);
  }

  private static boolean isRegularFile(URL url) throws IOException {
    switch (url.getProtocol()) {
      case "file":
        try {
          return Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return false;
        }
      case "jar":
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection instanceof JarURLConnection jar
            && jar.getJarEntry() != null
            && !jar.getJarEntry().isDirectory();
      default:
        return false;
    }
  }
}
