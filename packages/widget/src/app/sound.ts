/**
 * The notification sound: two short soft tones made with Web Audio (no audio
 * file), when an operator writes while the chat is closed or the page is in
 * the background. On by default per inbox; the visitor mutes it with the
 * header's "Mute sounds", remembered in the chat frame's own storage for the
 * next pages. Browsers let a frame play sound only once the visitor has done
 * something in it, so the audio starts on their first click or key press.
 */
const keyOf = (websiteKey: string) => `sb:${websiteKey}:muted`;

export class Sound {
  private audio: AudioContext | null = null;
  muted: boolean;

  constructor(
    private readonly websiteKey: string,
    /** The inbox has sounds on. */
    readonly enabled: boolean,
  ) {
    this.muted = read(keyOf(websiteKey)) === '1';
    const unlock = () => {
      this.context()
        ?.resume()
        .catch(() => {});
    };
    for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, unlock, { capture: true, passive: true });
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    try {
      localStorage.setItem(keyOf(this.websiteKey), muted ? '1' : '');
    } catch {
      /* storage blocked: this page only */
    }
  }

  private context(): AudioContext | null {
    if (!this.audio && typeof AudioContext !== 'undefined') {
      try {
        this.audio = new AudioContext();
      } catch {
        return null;
      }
    }
    return this.audio;
  }

  chime(): void {
    if (!this.enabled || this.muted) return;
    const ac = this.context();
    if (ac?.state !== 'running') return;
    const start = ac.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const at = start + i * 0.12;
      const osc = ac.createOscillator();
      const gain = ac.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.12, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.3);
      osc.connect(gain).connect(ac.destination);
      osc.start(at);
      osc.stop(at + 0.32);
    }
  }
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
