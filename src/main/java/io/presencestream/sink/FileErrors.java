package io.presencestream.sink;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file operation failed, in words, without the path. Java's messages for the commonest failures are
 * the path alone ({@link NoSuchFileException}, {@link AccessDeniedException}), so a message built as
 * "cannot open PATH: " + {@code e.getMessage()} repeats the path and never says what is wrong.
 */
final class FileErrors {

  private FileErrors() {}

  /** E.g. "its directory does not exist", "permission denied", "is a directory", "no space left on device". */
  static String reason(IOException error, Path file) {
    if (error instanceof NoSuchFileException) {
      Path parent = file.toAbsolutePath().getParent();
      return parent != null && !Files.isDirectory(parent) ? "its directory does not exist" : "no such file or directory";
    }
    if (error instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (error instanceof FileAlreadyExistsException || error instanceof NotDirectoryException) {
      // creating the file's directories met a file where a directory should be
      String inTheWay = ((FileSystemException) error).getFile();
      return inTheWay == null || inTheWay.equals(file.toString()) ? "not a directory" : "not a directory: " + inTheWay;
    }
    if (error instanceof FileSystemException fs && fs.getReason() != null) {
      return lowerFirst(fs.getReason());
    }
    String message = error.getMessage();
    if (message == null || message.isBlank() || message.equals(file.toString())) {
      return error.getClass().getSimpleName();
    }
    return message;
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
