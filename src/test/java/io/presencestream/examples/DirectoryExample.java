package io.presencestream.examples;

import io.presencestream.model.Directory;
import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.RingCentralSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;

/** The README's "The directory: users and call queues" snippet, compiled and run by its test. */
final class DirectoryExample {

  private DirectoryExample() {}

  static RingCentralOptions options(Map<String, String> environment) {
    return RingCentralOptions.fromEnvironment(environment)
        .extensions(ExtensionSelection.allEnabledUsers())
        .queuePresence(true)
        .build();
  }

  static Disposable keep(RingCentralSource source, AtomicReference<Directory> latest) {
    // tag::directory[]
    // with options built with .extensions(ExtensionSelection.allEnabledUsers()).queuePresence(true)
    Disposable directory = source.directory(Duration.ofMinutes(5))
        .subscribe(latest::set); // users with numbers and departments, queues with members and their flags
    // end::directory[]
    return directory;
  }
}
