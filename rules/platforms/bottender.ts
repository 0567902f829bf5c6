import { definePlatform } from '../define.js';

/**
 * Bottender, a multi-platform bot framework: every handler gets a platform
 * context (`MessengerContext`, `LineContext`, `SlackContext`, ...) whose send
 * methods take the content first. Findings name the platform "Bottender"
 * because the channel is decided at runtime.
 * Docs: https://bottender.js.org/docs/en/the-basics-actions
 * API: https://bottender.js.org/docs/en/api-messenger-context
 */
export default definePlatform({
  platform: 'Bottender',
  docs: 'https://bottender.js.org/docs/en/the-basics-actions',
  versions: { bottender: '1' },
  sinks: [
    {
      module: 'bottender',
      type: ['Context', 'MessengerContext', 'WhatsappContext', 'ViberContext', 'TelegramContext', 'LineContext', 'SlackContext', 'ConsoleContext'],
      method: [
        'sendText', 'sendMessage', 'sendTemplate', 'sendButtonTemplate', 'sendGenericTemplate', 'sendReceiptTemplate', 'sendMediaTemplate',
        'sendAttachment', 'sendImage', 'sendFile', 'sendVideo', 'sendAudio', 'sendPicture', 'sendCarouselContent', 'sendPhoto', 'sendDocument',
        'sendMediaGroup', 'sendPoll', 'postMessage', 'postEphemeral', 'reply', 'replyText', 'replyFlex', 'replyTemplate', 'replyButtonTemplate',
        'push', 'pushText', 'pushFlex', 'pushTemplate', 'pushButtonTemplate',
      ],
      payload: ['arg0', 'arg1', 'arg0.text', 'arg1.caption'],
    },
    { module: 'bottender', type: 'TelegramContext', method: ['editMessageText', 'editMessageCaption'], payload: ['arg0', 'arg1'] },
    { module: 'bottender', type: 'SlackContext', method: ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.meMessage', 'chat.scheduleMessage'], payload: ['arg0.text', 'arg0.blocks', 'arg0.attachments'] },
  ],
});
