package io.presencestream.ringcentral;

/**
 * How far a source has loaded the state of the extensions it watches: an extension is loaded once a REST
 * read of its presence (after its subscription was confirmed) has completed and its snapshot was handed to the
 * input stream. A readiness check reads it: cheap (one volatile read), changes nothing.
 *
 * @param loaded watched extensions loaded so far
 * @param watched extensions watched now; 0 before the selection is resolved (the directory read of {@code all})
 * @param initialLoadComplete whether every extension watched at start has been loaded (or is no longer
 *     watched); stays true once true, so extensions that join later are loaded in the background without
 *     making a loaded source look unloaded
 */
public record LoadProgress(int loaded, int watched, boolean initialLoadComplete) {

  /** Nothing resolved or loaded yet. */
  public static final LoadProgress NOTHING = new LoadProgress(0, 0, false);

  /**
   * Requires counts that make sense.
   *
   * @param loaded watched extensions loaded so far
   * @param watched extensions watched now
   * @param initialLoadComplete whether the initial state is loaded
   * @throws IllegalArgumentException for a negative count
   */
  public LoadProgress {
    if (loaded < 0 || watched < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * The progress as people read it.
   *
   * @return e.g. {@code 2000/100000 extensions loaded}
   */
  public String describe() {
    return loaded + "/" + watched + " extensions loaded";
  }
}
