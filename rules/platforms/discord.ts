import { definePlatform } from '../define.js';

/**
 * Discord: discord.js channels, users, messages, interactions and webhooks;
 * the lower-level `@discordjs/core` APIs; and the REST/webhook endpoints.
 * Docs: https://discord.com/developers/docs/resources/message#create-message
 * discord.js: https://discord.js.org/docs/packages/discord.js/main/TextChannel:Class#send
 * @discordjs/core: https://discord.js.org/docs/packages/core/main/ChannelsAPI:Class#createMessage
 */
const message = ['arg0', 'arg0.content', 'arg0.embeds', 'arg0.files', 'arg0.components'];
const second = ['arg1', 'arg1.content', 'arg1.embeds', 'arg1.files', 'arg1.components'];

export default definePlatform({
  platform: 'Discord',
  docs: 'https://discord.com/developers/docs/resources/message#create-message',
  versions: { 'discord.js': '14', '@discordjs/core': '1 - 2', '@discordjs/rest': '1 - 2' },
  sinks: [
    { module: 'discord.js', type: 'PartialTextBasedChannelFields', method: 'send', payload: message },
    { module: 'discord.js', type: ['Message', 'InteractionResponse'], method: ['reply', 'edit'], payload: message },
    {
      module: 'discord.js',
      type: ['CommandInteraction', 'MessageComponentInteraction', 'ModalSubmitInteraction', 'BaseInteraction'],
      method: ['reply', 'followUp', 'editReply', 'update'],
      payload: message,
    },
    { module: 'discord.js', type: ['WebhookClient', 'Webhook', 'InteractionWebhook', 'PartialWebhookFields'], method: 'send', payload: message },
    { module: 'discord.js', type: ['WebhookClient', 'Webhook', 'InteractionWebhook', 'PartialWebhookFields', 'MessageManager'], method: 'editMessage', payload: second },
    { module: 'discord.js', type: ['UserManager', 'GuildMemberManager'], method: 'send', payload: second },
    { module: 'discord.js', type: 'GuildForumThreadManager', method: 'create', payload: ['arg0.message', 'arg0.name'] },
    { module: '@discordjs/core', type: 'ChannelsAPI', method: ['createMessage', 'createForumThread'], payload: ['arg1', 'arg1.content', 'arg1.embeds', 'arg1.files', 'arg1.message'] },
    { module: '@discordjs/core', type: 'ChannelsAPI', method: 'editMessage', payload: ['arg2'] },
    { module: '@discordjs/core', type: 'InteractionsAPI', method: ['reply', 'followUp', 'editReply', 'updateMessage'], payload: ['arg2'] },
    { module: '@discordjs/core', type: 'WebhooksAPI', method: ['execute', 'executeSlack', 'executeGitHub'], payload: ['arg2'] },
    { module: '@discordjs/core', type: 'WebhooksAPI', method: 'editMessage', payload: ['arg3'] },
  ],
  endpoints: [
    {
      method: 'POST|PATCH',
      url: '^https://(discord|discordapp)\\.com/api(/v\\d+)?/(channels/\\d+/messages(/\\d+)?|webhooks/\\d+/[^/]+(/messages/[^/]+)?|interactions/\\d+/[^/]+/callback)',
      payload: ['content', 'embeds', 'components', 'data', 'username'],
      webhookKey: 'discord.*(hook|url|uri|endpoint)',
    },
    // @discordjs/rest: `rest.post(Routes.channelMessages(id), { body })`; the route is a relative path.
    { method: 'POST|PATCH', url: '^/(channels/\\d+/messages(/\\d+)?|webhooks/\\d+/[^/]+(/messages/[^/]+)?|interactions/\\d+/[^/]+/callback)$', payload: ['content', 'embeds', 'components', 'data'] },
  ],
});
