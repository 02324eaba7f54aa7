package coverage

import (
	"context"
	"sort"
)

// swap improves picks by exchanges (Teitz–Bart interchange): each pass
// finds the best exchange of a chosen candidate for an unchosen one and
// makes it while it gains. A pass costs one scan of every candidate's list:
// for each demand point it keeps how many picks cover it and, through the
// xor of their numbers, which one when only one does.
func (mc *maxCover) swap(ctx context.Context, picks []int, cnt []int32) []int {
	picks = append([]int{}, picks...)
	k := len(picks)
	pos := make(map[int]int, k)
	xr := make([]int32, len(mc.w))
	place := func(j int, d int32) {
		for _, i := range mc.lists[j] {
			cnt[i] += d
			xr[i] ^= int32(j)
		}
	}
	for p, j := range picks {
		pos[j] = p
		place(j, 1)
	}
	loss := make([]float64, k)
	extra := make([]float64, k)
	var touched []int
	for pass := 0; pass < 10*k+100 && ctx.Err() == nil; pass++ {
		clear(loss)
		for p, j := range picks {
			for _, i := range mc.lists[j] {
				if cnt[i] == 1 {
					loss[p] += mc.w[i]
				}
			}
		}
		least := 0
		for p := range loss {
			if loss[p] < loss[least] {
				least = p
			}
		}
		bestDelta, bestP, bestC := 1e-9, -1, -1
		for c := range mc.lists {
			if _, in := pos[c]; in {
				continue
			}
			g0 := 0.0
			mc.ops += int64(len(mc.lists[c]))
			for _, i := range mc.lists[c] {
				switch cnt[i] {
				case 0:
					g0 += mc.w[i]
				case 1:
					p := pos[int(xr[i])]
					if extra[p] == 0 {
						touched = append(touched, p)
					}
					extra[p] += mc.w[i]
				}
			}
			bp, bv := least, -loss[least]
			for _, p := range touched {
				if v := extra[p] - loss[p]; v > bv {
					bp, bv = p, v
				}
				extra[p] = 0
			}
			touched = touched[:0]
			if d := g0 + bv; d > bestDelta {
				bestDelta, bestP, bestC = d, bp, c
			}
		}
		if bestP < 0 {
			break
		}
		old := picks[bestP]
		place(old, -1)
		delete(pos, old)
		place(bestC, 1)
		picks[bestP], pos[bestC] = bestC, bestP
	}
	for _, j := range picks {
		for _, i := range mc.lists[j] {
			cnt[i]--
		}
	}
	return picks
}

// maxCoverBnB proves or improves a maximal covering answer by depth-first
// branch and bound: at each node the candidates are sorted by marginal
// gain, branch i takes candidate i and leaves out those before it, and a
// node is cut when what it covers plus the r largest marginal gains left
// (r picks remaining) cannot beat the best answer known.
type maxCoverBnB struct {
	mc        *maxCover
	ctx       context.Context
	k         int
	cnt       []int32
	budget    int64 // demand entries scanned before giving up
	ops       int64
	nodes     int
	aborted   bool
	eps       float64
	best      float64
	bestPicks []int
	picks     []int
}

type candGain struct {
	j int
	g float64
}

func (b *maxCoverBnB) run() {
	all := make([]int, len(b.mc.lists))
	for j := range all {
		all[j] = j
	}
	b.node(0, all)
}

func (b *maxCoverBnB) node(cur float64, allowed []int) {
	b.nodes++
	if b.ops > b.budget || (b.nodes%256 == 0 && b.ctx.Err() != nil) {
		b.aborted = true
	}
	if b.aborted {
		return
	}
	if cur > b.best+b.eps {
		b.best, b.bestPicks = cur, append([]int{}, b.picks...)
	}
	r := b.k - len(b.picks)
	if r == 0 {
		return
	}
	gs := make([]candGain, 0, len(allowed))
	for _, j := range allowed {
		b.ops += int64(len(b.mc.lists[j])) + 1
		if g := b.mc.gain(j, b.cnt); g > 0 {
			gs = append(gs, candGain{j, g})
		}
	}
	sort.Slice(gs, func(a, c int) bool { return gs[a].g > gs[c].g || (gs[a].g == gs[c].g && gs[a].j < gs[c].j) })
	// window is the sum of gs[i:i+r]; it only shrinks as i grows.
	window := 0.0
	for _, x := range gs[:min(r, len(gs))] {
		window += x.g
	}
	next := make([]int, 0, len(gs))
	for i := range gs {
		if cur+window <= b.best+b.eps {
			break
		}
		next = next[:0]
		for _, x := range gs[i+1:] {
			next = append(next, x.j)
		}
		b.picks = append(b.picks, gs[i].j)
		b.mc.add(gs[i].j, b.cnt, 1)
		b.node(cur+gs[i].g, append([]int{}, next...))
		b.mc.add(gs[i].j, b.cnt, -1)
		b.picks = b.picks[:len(b.picks)-1]
		if b.aborted {
			return
		}
		window -= gs[i].g
		if i+r < len(gs) {
			window += gs[i+r].g
		}
	}
}

// restart escapes swap's local optima: it forces each of the candidates
// with the largest gains as the first pick, completes greedily, runs swap
// and keeps the best answer, until the budget (in mc.ops) runs out.
func (mc *maxCover) restart(ctx context.Context, picks []int, cnt []int32, k int, budget int64) []int {
	best := mc.value(picks, cnt)
	var firsts []candGain
	for j := range mc.lists {
		if g := mc.gain(j, cnt); g > 0 {
			firsts = append(firsts, candGain{j, g})
		}
	}
	sort.Slice(firsts, func(a, b int) bool {
		return firsts[a].g > firsts[b].g || (firsts[a].g == firsts[b].g && firsts[a].j < firsts[b].j)
	})
	for _, f := range firsts {
		if mc.ops > budget || ctx.Err() != nil {
			break
		}
		mc.add(f.j, cnt, 1)
		rest := mc.greedyExcluding(k-1, cnt, f.j)
		mc.add(f.j, cnt, -1)
		next := mc.swap(ctx, append([]int{f.j}, rest...), cnt)
		if v := mc.value(next, cnt); v > best+1e-9 {
			best, picks = v, next
		}
	}
	return picks
}

// refill improves an answer beyond single exchanges: for each pair of picks
// it drops both, refills two greedily from the other candidates, runs swap
// again and keeps the result when it covers more; it repeats while that
// gains and the budget (in mc.ops) lasts.
func (mc *maxCover) refill(ctx context.Context, picks []int, cnt []int32, budget int64) []int {
	best := mc.value(picks, cnt)
	for improved := true; improved; {
		improved = false
		for a := 0; a < len(picks) && !improved; a++ {
			for b := a + 1; b < len(picks) && !improved; b++ {
				if mc.ops > budget || ctx.Err() != nil {
					return picks
				}
				var keep []int
				for p, j := range picks {
					if p != a && p != b {
						keep = append(keep, j)
					}
				}
				for _, j := range keep {
					mc.add(j, cnt, 1)
				}
				more := mc.greedyExcluding(2, cnt, picks[a], picks[b])
				for _, j := range keep {
					mc.add(j, cnt, -1)
				}
				next := mc.swap(ctx, append(keep, more...), cnt)
				if v := mc.value(next, cnt); v > best+1e-9 {
					best, picks, improved = v, next, true
				}
			}
		}
	}
	return picks
}
