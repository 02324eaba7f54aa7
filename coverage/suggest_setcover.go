package coverage

import (
	"context"
	"math/bits"
	"sort"
)

// bitset is a fixed-size set of small integers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int)      { b[i/64] |= 1 << (uint(i) % 64) }
func (b bitset) has(i int) bool { return b[i/64]&(1<<(uint(i)%64)) != 0 }
func (b bitset) count() int     { return b.andCount(nil) }
func (b bitset) clone() bitset  { return append(bitset(nil), b...) }

// andCount is |b ∩ o| (|b| when o is nil).
func (b bitset) andCount(o bitset) int {
	n := 0
	for w := range b {
		x := b[w]
		if o != nil {
			x &= o[w]
		}
		n += bits.OnesCount64(x)
	}
	return n
}

func (b bitset) each(fn func(i int)) {
	for w, x := range b {
		for x != 0 {
			t := bits.TrailingZeros64(x)
			fn(w*64 + t)
			x &= x - 1
		}
	}
}

// coverSolution is the answer of solveSetCover.
type coverSolution struct {
	Picks      []int // indices of the chosen sets, ascending
	Optimal    bool  // the search finished: no smaller cover exists
	LowerBound int   // no cover has fewer sets than this
	Greedy     int   // size of the greedy cover, the first upper bound
	Nodes      int   // branch-and-bound nodes visited
}

// solveSetCover finds a smallest family of sets covering the elements
// 0..n-1, every one of which must lie in some set. It splits the instance
// into independent parts (elements linked by a set they share: at 100 km
// the nation falls apart into many) and solves each, smallest first, so
// the small parts are proven and the time left goes to the large ones; the
// parts' picks and lower bounds add up.
func solveSetCover(ctx context.Context, n int, sets [][]int, nodeLimit int) coverSolution {
	parts := components(n, sets)
	if len(parts) <= 1 {
		return solveComponent(ctx, n, sets, nodeLimit)
	}
	sol := coverSolution{Optimal: true}
	for _, p := range parts {
		local := make(map[int]int, len(p.elems))
		for i, e := range p.elems {
			local[e] = i
		}
		sub := make([][]int, len(p.sets))
		for k, j := range p.sets {
			for _, e := range sets[j] {
				sub[k] = append(sub[k], local[e])
			}
		}
		part := solveComponent(ctx, len(p.elems), sub, max(nodeLimit-sol.Nodes, 1))
		for _, k := range part.Picks {
			sol.Picks = append(sol.Picks, p.sets[k])
		}
		sol.Optimal = sol.Optimal && part.Optimal
		sol.LowerBound += part.LowerBound
		sol.Greedy += part.Greedy
		sol.Nodes += part.Nodes
	}
	sort.Ints(sol.Picks)
	return sol
}

// part is one independent piece of a set cover instance: its elements and
// the sets that cover any of them (sets without elements belong to none).
type part struct{ elems, sets []int }

// components splits elements 0..n-1 into the parts that no set bridges,
// smallest first (ties by first element).
func components(n int, sets [][]int) []part {
	root := make([]int, n)
	for i := range root {
		root[i] = i
	}
	find := func(x int) int {
		for root[x] != x {
			root[x] = root[root[x]]
			x = root[x]
		}
		return x
	}
	for _, members := range sets {
		for _, e := range members[min(1, len(members)):] {
			if a, b := find(members[0]), find(e); a != b {
				root[max(a, b)] = min(a, b)
			}
		}
	}
	index := map[int]int{}
	var parts []part
	for e := 0; e < n; e++ {
		r := find(e)
		i, ok := index[r]
		if !ok {
			i = len(parts)
			index[r] = i
			parts = append(parts, part{})
		}
		parts[i].elems = append(parts[i].elems, e)
	}
	for j, members := range sets {
		if len(members) > 0 {
			i := index[find(members[0])]
			parts[i].sets = append(parts[i].sets, j)
		}
	}
	sort.SliceStable(parts, func(a, b int) bool { return len(parts[a].elems) < len(parts[b].elems) })
	return parts
}

// solveComponent solves one part of solveSetCover's instance. It reduces the instance
// (drops dominated sets and elements, takes the sets an element forces),
// starts from the greedy cover and proves it or improves it by branch and
// bound with a disjoint-elements lower bound. After nodeLimit nodes (or
// when ctx ends) it stops with Optimal false and the best lower bound known.
func solveComponent(ctx context.Context, n int, sets [][]int, nodeLimit int) coverSolution {
	s := &coverSearch{ctx: ctx, nodeLimit: nodeLimit}
	s.sets = make([]bitset, len(sets))
	for j, members := range sets {
		s.sets[j] = newBitset(n)
		for _, e := range members {
			s.sets[j].set(e)
		}
	}
	uncovered := newBitset(n)
	for e := 0; e < n; e++ {
		uncovered.set(e)
	}
	forced := s.reduce(uncovered)
	greedy := s.greedy(uncovered)
	s.best = append(append([]int{}, forced...), greedy...)
	rootLB := len(forced) + s.lowerBound(uncovered, nil)
	sol := coverSolution{Greedy: len(s.best), LowerBound: rootLB}
	if rootLB < len(s.best) {
		s.branch(uncovered, make([]bool, len(s.sets)), forced)
	}
	sol.Nodes = s.nodes
	sol.Picks = append([]int{}, s.best...)
	sort.Ints(sol.Picks)
	sol.Optimal = !s.aborted || rootLB >= len(s.best)
	if sol.Optimal {
		sol.LowerBound = len(s.best)
	}
	return sol
}

type coverSearch struct {
	ctx       context.Context
	sets      []bitset
	alive     []int // sets left after reduction
	best      []int
	nodes     int
	nodeLimit int
	aborted   bool
}

// reduce drops dominated sets and elements and takes forced sets, clearing
// their elements from uncovered; it returns the forced sets.
func (s *coverSearch) reduce(uncovered bitset) []int {
	var forced []int
	alive := make([]bool, len(s.sets))
	for j := range s.sets {
		alive[j] = true
	}
	for changed := true; changed; {
		changed = false
		// A set whose uncovered part lies inside another's is never needed.
		for a := range s.sets {
			if !alive[a] {
				continue
			}
			if s.sets[a].andCount(uncovered) == 0 {
				alive[a], changed = false, true
				continue
			}
			for b := range s.sets {
				if a == b || !alive[b] {
					continue
				}
				if dominated(s.sets[a], s.sets[b], uncovered) && (!dominated(s.sets[b], s.sets[a], uncovered) || a > b) {
					alive[a], changed = false, true
					break
				}
			}
		}
		// An element only one set covers forces that set.
		uncovered.each(func(e int) {
			only := -1
			for j := range s.sets {
				if alive[j] && s.sets[j].has(e) {
					if only >= 0 {
						return
					}
					only = j
				}
			}
			if only >= 0 && uncovered.has(e) {
				forced = append(forced, only)
				alive[only], changed = false, true
				for w := range uncovered {
					uncovered[w] &^= s.sets[only][w]
				}
			}
		})
	}
	for j := range s.sets {
		if alive[j] {
			s.alive = append(s.alive, j)
		}
	}
	return forced
}

// dominated reports whether a's uncovered part lies inside b's.
func dominated(a, b, uncovered bitset) bool {
	for w := range a {
		if a[w]&uncovered[w]&^b[w] != 0 {
			return false
		}
	}
	return true
}

// greedy covers uncovered by repeatedly taking the set that covers most.
func (s *coverSearch) greedy(uncovered bitset) []int {
	left := uncovered.clone()
	var picks []int
	for left.count() > 0 {
		best, bestN := -1, 0
		for _, j := range s.alive {
			if c := s.sets[j].andCount(left); c > bestN {
				best, bestN = j, c
			}
		}
		if best < 0 {
			break // cannot happen when every element lies in some set
		}
		picks = append(picks, best)
		for w := range left {
			left[w] &^= s.sets[best][w]
		}
	}
	return picks
}

// lowerBound is a bound on the sets still needed to cover uncovered using
// sets not excluded: the larger of a packing of elements no two of which
// share a set (each needs its own set) and ⌈|uncovered| / largest set⌉.
func (s *coverSearch) lowerBound(uncovered bitset, excluded []bool) int {
	left := uncovered.count()
	if left == 0 {
		return 0
	}
	largest := 0
	for _, j := range s.alive {
		if excluded == nil || !excluded[j] {
			largest = max(largest, s.sets[j].andCount(uncovered))
		}
	}
	if largest == 0 {
		return len(s.sets) + 1 // infeasible
	}
	byRatio := (left + largest - 1) / largest
	used := make([]bool, len(s.sets))
	packing := 0
	uncovered.each(func(e int) {
		for _, j := range s.alive {
			if used[j] && s.sets[j].has(e) {
				return
			}
		}
		packing++
		for _, j := range s.alive {
			if s.sets[j].has(e) && (excluded == nil || !excluded[j]) {
				used[j] = true
			}
		}
	})
	return max(byRatio, packing)
}

// branch explores covers extending picks: it takes the uncovered element
// with the fewest usable sets and tries each of them in turn, excluding
// the ones already tried.
func (s *coverSearch) branch(uncovered bitset, excluded []bool, picks []int) {
	if s.aborted {
		return
	}
	s.nodes++
	if s.nodes > s.nodeLimit || (s.nodes%1024 == 0 && s.ctx.Err() != nil) {
		s.aborted = true
		return
	}
	if uncovered.count() == 0 {
		if len(picks) < len(s.best) {
			s.best = append([]int{}, picks...)
		}
		return
	}
	if len(picks)+s.lowerBound(uncovered, excluded) >= len(s.best) {
		return
	}
	elem, options := -1, []int(nil)
	uncovered.each(func(e int) {
		var opts []int
		for _, j := range s.alive {
			if !excluded[j] && s.sets[j].has(e) {
				opts = append(opts, j)
			}
		}
		if elem < 0 || len(opts) < len(options) {
			elem, options = e, opts
		}
	})
	if len(options) == 0 {
		return // this branch excluded every set that covers elem
	}
	sort.SliceStable(options, func(a, b int) bool {
		return s.sets[options[a]].andCount(uncovered) > s.sets[options[b]].andCount(uncovered)
	})
	var undo []int
	for _, j := range options {
		next := uncovered.clone()
		for w := range next {
			next[w] &^= s.sets[j][w]
		}
		s.branch(next, excluded, append(picks, j))
		excluded[j] = true
		undo = append(undo, j)
		if s.aborted {
			break
		}
	}
	for _, j := range undo {
		excluded[j] = false
	}
}
