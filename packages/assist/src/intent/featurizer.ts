import { AssistError } from '../errors.js';
import type { SparseVector } from '../text/sparse.js';
import { DEFAULT_VECTORIZER_OPTIONS, TextVectorizer, type VectorizerState } from '../text/vectorizer.js';
import { type WordVectors, embedText, surfaceIdf } from '../text/word-vectors.js';

export interface FeaturizerState {
  vectorizer: VectorizerState;
  embedding: { name: string; weight: number; idfWords: string[]; idf: number[]; defaultIdf: number } | null;
}

/** Sparse TF-IDF block, plus a dense block of mean word embeddings when vectors are available. */
export class IntentFeaturizer {
  private constructor(
    private readonly vectorizer: TextVectorizer,
    private readonly embedding:
      | { vectors: WordVectors; weight: number; idf: Map<string, number>; defaultIdf: number }
      | null,
  ) {}

  static fit(texts: readonly string[], vectors: WordVectors | null, embeddingWeight: number): IntentFeaturizer {
    const vectorizer = TextVectorizer.fit(texts, DEFAULT_VECTORIZER_OPTIONS);
    if (!vectors || embeddingWeight <= 0) return new IntentFeaturizer(vectorizer, null);
    const { idf, defaultIdf } = surfaceIdf(texts);
    return new IntentFeaturizer(vectorizer, { vectors, weight: embeddingWeight, idf, defaultIdf });
  }

  get dimension(): number {
    return this.vectorizer.dimension + (this.embedding?.vectors.dimension ?? 0);
  }

  get wordVectorsName(): string | null {
    return this.embedding?.vectors.name ?? null;
  }

  transform(text: string): SparseVector {
    const sparse = this.vectorizer.transform(text);
    if (!this.embedding) return sparse;
    const { vectors, weight, idf, defaultIdf } = this.embedding;
    const dense = embedText(vectors, text, idf, defaultIdf);
    const offset = this.vectorizer.dimension;
    const indices = new Int32Array(sparse.indices.length + dense.length);
    const values = new Float32Array(indices.length);
    indices.set(sparse.indices);
    values.set(sparse.values);
    for (let i = 0; i < dense.length; i++) {
      indices[sparse.indices.length + i] = offset + i;
      values[sparse.indices.length + i] = dense[i]! * weight;
    }
    return { indices, values };
  }

  toJSON(): FeaturizerState {
    const e = this.embedding;
    return {
      vectorizer: this.vectorizer.toJSON(),
      embedding: e
        ? { name: e.vectors.name, weight: e.weight, idfWords: [...e.idf.keys()], idf: [...e.idf.values()], defaultIdf: e.defaultIdf }
        : null,
    };
  }

  static fromJSON(state: FeaturizerState, vectors: WordVectors | null): IntentFeaturizer {
    if (!state || typeof state !== 'object') throw new AssistError('CORRUPT_MODEL', 'saved features are missing');
    const vectorizer = TextVectorizer.fromJSON(state.vectorizer);
    const e = state.embedding;
    if (!e) return new IntentFeaturizer(vectorizer, null);
    if (!vectors || vectors.name !== e.name) {
      throw new AssistError(
        'INVALID_OPTION',
        `this model was trained with the word vectors "${e.name}"; pass them to load it`,
      );
    }
    if (!Array.isArray(e.idfWords) || !Array.isArray(e.idf) || e.idfWords.length !== e.idf.length) {
      throw new AssistError('CORRUPT_MODEL', 'saved embedding weights are malformed');
    }
    const idf = new Map(e.idfWords.map((w, i) => [w, e.idf[i]!]));
    return new IntentFeaturizer(vectorizer, { vectors, weight: e.weight, idf, defaultIdf: e.defaultIdf });
  }
}
