package io.presencestream.store;

/** The history store's promises on the embedded H2 database (file mode), the default. */
class H2HistoryStoreIT extends ContactCentreHistoryContract {

  @Override
  HistoryDatabase database() {
    return HistoryDatabase.h2(temp.resolve("db/presence"));
  }
}
