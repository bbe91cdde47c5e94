package io.presencestream.ringcentral;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable set that iterates in the order it was given, for the sets held per watched extension for the
 * daemon's life (the watched ids, each connection's filters). A {@code LinkedHashSet} costs ≈ 50 B per element
 * (a 40 B entry and its table slots); this is an array in order beside {@link Set#copyOf}'s open-addressing
 * array, ≈ 12 B per element. Nulls are refused, as {@link Set#copyOf} refuses them.
 *
 * @param <T> the element type
 */
final class OrderedSet<T> extends AbstractSet<T> {

  private final List<T> order;
  private final Set<T> members;

  private OrderedSet(List<T> order, Set<T> members) {
    this.order = order;
    this.members = members;
  }

  /**
   * The elements of {@code elements} in their iteration order, duplicates dropped after the first.
   *
   * @throws NullPointerException if {@code elements} is or holds null
   */
  static <T> Set<T> copyOf(Collection<? extends T> elements) {
    if (elements instanceof OrderedSet<? extends T> already) {
      @SuppressWarnings("unchecked")
      Set<T> same = (Set<T>) already;
      return same;
    }
    Set<T> members = Set.copyOf(elements);
    // With duplicates, the first of each in order (a transient set; only the arrays are kept)
    List<T> order = members.size() == elements.size() ? List.copyOf(elements) : List.copyOf(new LinkedHashSet<>(elements));
    return new OrderedSet<>(order, members);
  }

  @Override
  public Iterator<T> iterator() {
    return order.iterator();
  }

  @Override
  public int size() {
    return order.size();
  }

  @Override
  public boolean contains(Object o) {
    return o != null && members.contains(o);
  }
}
