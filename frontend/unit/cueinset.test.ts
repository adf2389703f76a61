import { describe, expect, it } from 'vitest'
import { cueLift, marginShare } from '../src/player/cueinset'

describe('cueLift', () => {
  const cases: Array<{ name: string; box: [number, number]; video: [number, number]; want: number }> = [
    { name: '16:9 picture filling a 16:9 box: the margin only', box: [1280, 720], video: [1920, 1080], want: 22 },
    { name: '16:9 picture in a taller box: the bar under it, then the margin', box: [1280, 800], video: [1280, 720], want: 40 + 22 },
    { name: '2.39:1 film in a 16:9 box', box: [1280, 720], video: [1920, 804], want: Math.round((720 - 1280 / (1920 / 804)) / 2 + marginShare * (1280 / (1920 / 804))) },
    { name: '4:3 picture in a wide box: bars at the sides, none below', box: [1280, 720], video: [640, 480], want: 22 },
    { name: 'picture size not known yet', box: [1280, 720], video: [0, 0], want: 0 },
    { name: 'no box (hidden)', box: [0, 0], video: [1280, 720], want: 0 },
  ]
  for (const c of cases) {
    it(c.name, () => {
      expect(cueLift(c.box[0], c.box[1], c.video[0], c.video[1])).toBe(c.want)
    })
  }
})
