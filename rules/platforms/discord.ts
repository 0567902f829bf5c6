import { definePlatform } from '../define.js';

/**
 * Discord through discord.js: channel and user `send`, message and interaction replies.
 * Docs: https://discord.js.org/docs/packages/discord.js/main/TextChannel:Class#send
 */
const message = ['arg0.content', 'arg0.embeds', 'arg0.files', 'arg0.components'];

export default definePlatform({
  platform: 'Discord',
  docs: 'https://discord.js.org/docs/packages/discord.js/main/TextChannel:Class#send',
  sinks: [
    { module: 'discord.js', type: 'PartialTextBasedChannelFields', method: 'send', payload: message },
    { module: 'discord.js', type: ['Message', 'InteractionResponse'], method: ['reply', 'edit'], payload: message },
    {
      module: 'discord.js',
      type: ['CommandInteraction', 'MessageComponentInteraction', 'ModalSubmitInteraction'],
      method: ['reply', 'followUp', 'editReply', 'update'],
      payload: message,
    },
    { module: 'discord.js', type: ['WebhookClient', 'Webhook', 'InteractionWebhook', 'PartialWebhookFields'], method: 'send', payload: message },
  ],
});
