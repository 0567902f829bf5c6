import { definePlatform } from '../define.js';

/**
 * Bottender, a multi-platform bot framework: every handler gets a platform
 * context (`MessengerContext`, `LineContext`, `SlackContext`, ...) whose send
 * methods take the content first. Findings name the platform "Bottender"
 * because the channel is decided at runtime.
 * Docs: https://bottender.js.org/docs/en/the-basics-actions
 * API: https://bottender.js.org/docs/en/api-messenger-context
 */
const contexts = ['Context', 'MessengerContext', 'WhatsappContext', 'ViberContext', 'TelegramContext', 'LineContext', 'SlackContext', 'ConsoleContext'];

export default definePlatform({
  platform: 'Bottender',
  docs: 'https://bottender.js.org/docs/en/the-basics-actions',
  versions: { bottender: '1' },
  sinks: [
    // Text, message or template first, send options second (`sendText(text, { personaId })`: the options are not content).
    {
      module: 'bottender',
      type: contexts,
      method: [
        'sendText', 'sendMessage', 'sendTemplate', 'sendGenericTemplate', 'sendReceiptTemplate', 'sendMediaTemplate', 'sendAttachment',
        'sendImage', 'sendFile', 'sendVideo', 'sendAudio', 'postMessage', 'postEphemeral', 'reply', 'replyText', 'push', 'pushText',
      ],
      payload: ['arg0', 'arg0.text', 'arg0.blocks', 'arg0.attachments'],
    },
    // Two content arguments: text and buttons, alt text and flex contents or template, question and options.
    {
      module: 'bottender',
      type: contexts,
      method: ['sendButtonTemplate', 'replyFlex', 'pushFlex', 'replyTemplate', 'pushTemplate', 'replyButtonTemplate', 'pushButtonTemplate', 'sendPoll'],
      payload: ['arg0', 'arg1'],
    },
    // Media with a caption in the options.
    { module: 'bottender', type: contexts, method: ['sendPhoto', 'sendDocument', 'sendPicture', 'sendMediaGroup', 'sendCarouselContent'], payload: ['arg0', 'arg1.caption'] },
    { module: 'bottender', type: 'TelegramContext', method: ['editMessageText', 'editMessageCaption'], payload: ['arg0', 'arg1'] },
    { module: 'bottender', type: 'SlackContext', method: ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.meMessage', 'chat.scheduleMessage'], payload: ['arg0.text', 'arg0.blocks', 'arg0.attachments'] },
  ],
});
