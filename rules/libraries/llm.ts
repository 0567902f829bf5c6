import { definePropagators } from '../define.js';

/**
 * LLM APIs: the model's answer carries its prompt. Findings through one say
 * so (`llm`), and `llmFlows: false` in the config turns them off. The answer
 * is read anywhere in the result (`choices[].message.content`, `output_text`,
 * `text`, streamed chunks), so the prompt reaches the result whole.
 * - OpenAI: https://platform.openai.com/docs/api-reference/chat/create, https://platform.openai.com/docs/api-reference/responses/create
 * - Anthropic: https://docs.anthropic.com/en/api/messages
 * - Google GenAI: https://googleapis.github.io/js-genai/
 * - Vercel AI SDK: https://ai-sdk.dev/docs/reference/ai-sdk-core/generate-text
 * - LangChain.js: https://v03.api.js.langchain.com/classes/_langchain_core.runnables.Runnable.html
 */
const prompt = { from: ['arg0'], llm: true };

export default definePropagators([
  ...['Completions.create', 'Completions.stream', 'Completions.parse', 'Responses.create', 'Responses.stream', 'Responses.parse'].map((fn) => ({ function: fn, module: 'openai', ...prompt })),
  ...['Messages.create', 'Messages.stream'].map((fn) => ({ function: fn, module: '@anthropic-ai/sdk', ...prompt })),
  ...['Models.generateContent', 'Models.generateContentStream', 'Chat.sendMessage', 'Chat.sendMessageStream'].map((fn) => ({ function: fn, module: '@google/genai', ...prompt })),
  ...['generateText', 'streamText', 'generateObject', 'streamObject'].map((fn) => ({ function: fn, module: 'ai', ...prompt })),
  ...['invoke', 'stream', 'batch', 'call', 'predict'].map((fn) => ({ function: fn, module: ['@langchain/core', '@langchain/openai', '@langchain/anthropic', 'langchain'], ...prompt })),
]);
