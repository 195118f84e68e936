import { AssistError } from '../errors.js';
import type { SparseVector } from '../text/sparse.js';
import { DEFAULT_VECTORIZER_OPTIONS, TextVectorizer, type VectorizerState } from '../text/vectorizer.js';
import { type WordVectors, embedText, surfaceIdf } from '../text/word-vectors.js';
import { LEXICON_FEATURE_COUNT, lexiconFeatures } from '../mood/lexicon.js';
import { type DenseEncoder, type DenseFeatures, type DenseState, restoreDense, writeDense } from './dense.js';

/** Optional dense blocks appended to the TF-IDF features. */
export interface FeatureExtras {
  /** Valence features from the mood lexicons, scaled by this weight (0 = off). */
  moodLexicon: number;
}

export interface FeaturizerState {
  vectorizer: VectorizerState;
  embedding: { name: string; weight: number; idfWords: string[]; idf: number[]; defaultIdf: number } | null;
  extras?: FeatureExtras;
  dense?: DenseState;
}

/** Sparse TF-IDF block, plus a dense block of mean word embeddings when vectors are available. */
export class IntentFeaturizer {
  private constructor(
    private readonly vectorizer: TextVectorizer,
    private readonly embedding: { vectors: WordVectors; weight: number; idf: Map<string, number>; defaultIdf: number } | null,
    private readonly extras: FeatureExtras,
    private readonly dense: DenseFeatures | null = null,
  ) {}

  static fit(
    texts: readonly string[],
    vectors: WordVectors | null,
    embeddingWeight: number,
    extras: FeatureExtras = { moodLexicon: 0 },
    dense: DenseFeatures | null = null,
  ): IntentFeaturizer {
    const vectorizer = TextVectorizer.fit(texts, DEFAULT_VECTORIZER_OPTIONS);
    if (!vectors || embeddingWeight <= 0) return new IntentFeaturizer(vectorizer, null, extras, dense);
    const { idf, defaultIdf } = surfaceIdf(texts);
    return new IntentFeaturizer(vectorizer, { vectors, weight: embeddingWeight, idf, defaultIdf }, extras, dense);
  }

  get dimension(): number {
    return this.vectorizer.dimension + this.denseDimension;
  }

  private get denseDimension(): number {
    return (this.embedding?.vectors.dimension ?? 0) + (this.extras.moodLexicon > 0 ? LEXICON_FEATURE_COUNT : 0) + (this.dense?.dimension ?? 0);
  }

  get wordVectorsName(): string | null {
    return this.embedding?.vectors.name ?? null;
  }

  transform(text: string): SparseVector {
    const sparse = this.vectorizer.transform(text);
    if (this.denseDimension === 0) return sparse;
    const dense = new Float32Array(this.denseDimension);
    if (this.embedding) {
      const { vectors, weight, idf, defaultIdf } = this.embedding;
      const embedded = embedText(vectors, text, (word) => idf.get(word) ?? defaultIdf);
      for (let i = 0; i < embedded.length; i++) dense[i] = embedded[i]! * weight;
    }
    if (this.extras.moodLexicon > 0) {
      const at = this.embedding?.vectors.dimension ?? 0;
      const lexicon = lexiconFeatures(text);
      for (let i = 0; i < lexicon.length; i++) dense[at + i] = lexicon[i]! * this.extras.moodLexicon;
    }
    if (this.dense) writeDense(this.dense, text, dense, dense.length - this.dense.dimension);
    const offset = this.vectorizer.dimension;
    const indices = new Int32Array(sparse.indices.length + dense.length);
    const values = new Float32Array(indices.length);
    indices.set(sparse.indices);
    values.set(sparse.values);
    for (let i = 0; i < dense.length; i++) {
      indices[sparse.indices.length + i] = offset + i;
      values[sparse.indices.length + i] = dense[i]!;
    }
    return { indices, values };
  }

  toJSON(): FeaturizerState {
    const e = this.embedding;
    return {
      vectorizer: this.vectorizer.toJSON(),
      embedding: e ? { name: e.vectors.name, weight: e.weight, idfWords: [...e.idf.keys()], idf: [...e.idf.values()], defaultIdf: e.defaultIdf } : null,
      extras: this.extras,
      ...(this.dense ? { dense: { name: this.dense.name, dimension: this.dense.dimension, weight: this.dense.weight } } : {}),
    };
  }

  static fromJSON(state: FeaturizerState, vectors: WordVectors | null, encoder: DenseEncoder | null = null): IntentFeaturizer {
    if (!state || typeof state !== 'object') throw new AssistError('CORRUPT_MODEL', 'saved features are missing');
    const vectorizer = TextVectorizer.fromJSON(state.vectorizer);
    const extras: FeatureExtras = { moodLexicon: Number(state.extras?.moodLexicon ?? 0) || 0 };
    const dense = restoreDense(state.dense, encoder);
    const e = state.embedding;
    if (!e) return new IntentFeaturizer(vectorizer, null, extras, dense);
    if (!vectors || vectors.name !== e.name) {
      throw new AssistError('INVALID_OPTION', `this model was trained with the word vectors "${e.name}"; pass them to load it`);
    }
    if (!Array.isArray(e.idfWords) || !Array.isArray(e.idf) || e.idfWords.length !== e.idf.length) {
      throw new AssistError('CORRUPT_MODEL', 'saved embedding weights are malformed');
    }
    const idf = new Map(e.idfWords.map((w, i) => [w, e.idf[i]!]));
    return new IntentFeaturizer(vectorizer, { vectors, weight: e.weight, idf, defaultIdf: e.defaultIdf }, extras, dense);
  }
}
