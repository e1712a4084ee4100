"""Case tables for each extractor: what each finds, and look-alikes it must leave alone."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from glossary.extract.chinese import candidate_spans
from glossary.extract.latin import latin_spans
from glossary.extract.pairs import find_pairs
from glossary.models import Document
from glossary.segment import Segmenter
from glossary.text import (
    canonical_key,
    fold_width,
    script_of,
    simplified_same_length,
    split_sentences,
)

GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def latin(text: str) -> list[str]:
    folded = fold_width(text)
    return [text[s:e] for s, e in latin_spans(folded)]


def pairs(text: str, segmenter: Segmenter) -> list[tuple[str, str]]:
    # As the pipeline reads a sentence: width-folded, in Simplified characters
    folded = simplified_same_length(fold_width(text))
    return [(text[slice(*p.zh)], text[slice(*p.en)]) for p in find_pairs(folded, segmenter)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在Scaling Law的路线上", ["Scaling Law"]),
        ("GPT-4和GPT-o1发布", ["GPT-4", "GPT-o1"]),
        ("Meta的Llama 2开源了", ["Meta", "Llama 2"]),
        ("如何在post-training阶段", ["post-training"]),
        ("从“next-token prediction”到强化学习", ["next-token prediction"]),
        ("AI 2.0拐点来临", ["AI 2.0"]),
        ("OpenAI发布", ["OpenAI"]),
        ("Ｓｃａｌｉｎｇ　Ｌａｗ（全角）", ["Ｓｃａｌｉｎｇ　Ｌａｗ"]),
        ("Llama3.1与Qwen2-7B", ["Llama3.1", "Qwen2-7B"]),
        ("Hugging Face社区", ["Hugging Face"]),
        ("The Information报道", ["Information"]),
        ("o1是新方向", ["o1"]),
        ("用Node.js和C++写的服务", ["Node.js", "C++"]),  # dotted names are no code
        # a number with letters that are no unit: a product, a node, a generation
        ("5G 基站、Intel 18A 和 Gemma 2B", ["5G", "Intel 18A", "Gemma 2B"]),
    ],
)
def test_latin_terms_are_kept_whole(text: str, expected: list[str]) -> None:
    assert latin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年12月11日",  # numbers are not terms
        "大B还是C端",  # a bare letter is not a term
        "访问https://example.com/page了解",  # URLs
        "邮箱foo@example.com联系",  # e-mail addresses
        "纯中文句子没有英文",
        "把 LLM_BASE_URL 指向本地地址",  # code: an identifier
        "检查torch.cuda.is_available的返回值",
        "num_labels=2 表示二分类",  # an assignment
        "调用model.train()开始训练",  # a call
        "学习率取 1e-5 到 5e-5",  # numbers in scientific notation
        "上下文从 2K 扩展到 128K",  # quantities: a number with a magnitude or a unit
        "延迟不超过 300ms,页大小 16KB,主频 3.5 GHz,快了 10x",
    ],
)
def test_latin_look_alikes_yield_nothing(text: str) -> None:
    assert latin(text) == []


def test_a_long_english_sentence_yields_its_capitalised_names() -> None:
    assert latin("他说 we will talk to Sam Altman and the OpenAI team today 。") == [
        "Sam Altman",
        "OpenAI",
    ]


def _gold_pair_cases() -> list[tuple[str, str, str, str]]:
    with (GOLD / "pairs.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["left"], r["inside"], r["zh"], r["en"]) for r in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("近期,Scaling Law(尺度定律)撞墙", [("尺度定律", "Scaling Law")]),
        ("年中的Token(词元)价格战", [("词元", "Token")]),
        ("在post-training(后训练)这个阶段", [("后训练", "post-training")]),
        ("研发更多AGI(通用人工智能)能力", [("通用人工智能", "AGI")]),
        (
            "OpenAI前首席科学家伊利亚·苏茨克维尔(Ilya Sutskever)在公开场合表示",
            [("伊利亚·苏茨克维尔", "Ilya Sutskever")],
        ),
        ("尤其是在科学、技术、工程和数学(STEM)领域", [("科学、技术、工程和数学", "STEM")]),
        ("火币(HTX )", [("火币", "HTX")]),
        ("全角的尺度定律（Scaling Law）写法", [("尺度定律", "Scaling Law")]),
        (
            "训练一个具有跨领域知识的基础大模型(Foundation Model),通过微调",
            [("基础大模型", "Foundation Model")],
        ),
        ("第一个现象级应用是生成式 AI(Generative AI),也就是", [("生成式 AI", "Generative AI")]),
        ("运行在Java虚拟机(Java Virtual Machine)上", [("Java虚拟机", "Java Virtual Machine")]),
        ("升级Linux 内核(Linux Kernel)后", [("Linux 内核", "Linux Kernel")]),
        ("它的内核(Linux Kernel)很小", [("内核", "Linux Kernel")]),  # no Latin word to take in
        ("可能PaaS层(平台层)很多工具", [("平台层", "PaaS")]),
        (
            "从原来的“next-token prediction”(预测下一个词)到",
            [("预测下一个词", "next-token prediction")],
        ),
        ("他们使用卷积神经网络(CNN)识别图像", [("卷积神经网络", "CNN")]),
        (
            "大语言模型（Large Language Models，简称 LLMs）正在",
            [("大语言模型", "Large Language Models")],
        ),
        (
            "检索增强生成(Retrieval-Augmented Generation, RAG)很常用",
            [("检索增强生成", "Retrieval-Augmented Generation")],
        ),
        ("OpenAI首席执行官萨姆·奥特曼(Sam Altman)表示", [("萨姆·奥特曼", "Sam Altman")]),
        ("采用混合專家模型(Mixture of Experts)架構", [("混合專家模型", "Mixture of Experts")]),
        (
            "第一,守好持续集成(Continuous Integration)流水线",
            [("持续集成", "Continuous Integration")],
        ),
        ("先计算嵌入(Embedding)再存储", [("嵌入", "Embedding")]),
        (
            "另一类属于非监督式学习(Unsupervised Learning)",
            [("非监督式学习", "Unsupervised Learning")],
        ),
        ("就是过拟合(Overfitting):它把数据背了下来", [("过拟合", "Overfitting")]),
        ("零信任(Zero Trust)的核心主张", [("零信任", "Zero Trust")]),
        (
            "与深蓝动力机器人公司(DeepBlue Robotics)合作",
            [("深蓝动力机器人公司", "DeepBlue Robotics")],
        ),
        (
            "所谓视觉-语言-动作模型(Vision-Language-Action Model)",
            [("视觉-语言-动作模型", "Vision-Language-Action Model")],
        ),
        ("经典的2PC(两阶段提交)由协调者发起", [("两阶段提交", "2PC")]),
        ("LoRA(Low-Rank Adaptation,低秩适配)只训练少量参数", [("低秩适配", "Low-Rank Adaptation")]),
        ("借助服务网格(Service Mesh,如 Istio 或 Linkerd)可以", [("服务网格", "Service Mesh")]),
        # a verb that takes its object next is not part of the term
        ("计算嵌入后存入向量数据库(Vector Database)再检索", [("向量数据库", "Vector Database")]),
        ("叫做反向传播(Backpropagation)", [("反向传播", "Backpropagation")]),  # 反向 stays
        ("使用嵌入模型(Embedding Model)计算", [("嵌入模型", "Embedding Model")]),
        # 的 and 与 inside a long term, crossed only when the rest falls far short
        ("并支持基于角色的访问控制(RBAC)", [("基于角色的访问控制", "RBAC")]),
        ("美国国家标准与技术研究院(NIST)发布", [("美国国家标准与技术研究院", "NIST")]),
        ("用深度学习的图形处理器(GPU)训练", [("图形处理器", "GPU")]),
        ("提升了用户的单点登录(SSO)体验", [("单点登录", "SSO")]),
        ("模型与数据并行(Data Parallelism)", [("数据并行", "Data Parallelism")]),
        (  # 新 is no noun: the 的 before 注意力机制 is not crossed
            "这是一种新的注意力机制(Multi-Head Attention Mechanism)",
            [("注意力机制", "Multi-Head Attention Mechanism")],
        ),
        # a one-character affix glued to the word before, when the English has its prefix
        ("再用重排序模型(Reranker)打分", [("重排序模型", "Reranker")]),
        (
            "这是非监督式学习(Unsupervised Learning)的例子",
            [("非监督式学习", "Unsupervised Learning")],
        ),
        ("我们用重建误差(Reconstruction Error)", [("重建误差", "Reconstruction Error")]),
        # a letter and a hyphen, or an acronym's extra letter
        ("常用k-平均演算法(k-means)分群", [("k-平均演算法", "k-means")]),
        ("例如 K-means(K-平均演算法)。", [("K-平均演算法", "K-means")]),
        ("流量都走双向 TLS(mTLS):通信双方", [("双向 TLS", "mTLS")]),
        ("用到了 TLS(mTLS)", []),
        # 图 and 表 open terms; only captions are references
        ("介绍 GPU(图形处理器)为什么快", [("图形处理器", "GPU")]),
        ("Representation Learning(表示学习)很重要", [("表示学习", "Representation Learning")]),
        ("英伟达 H100(图为发布会现场)", []),
        # an organisation suffix weighs nothing only as the head (智能 in 智能体 counts)
        ("随着智能体(AI Agent)等应用的普及", [("智能体", "AI Agent")]),
        # on a tie, a start that opens with a conjunction or a common verb loses
        ("由于联合索引(composite index)遵循", [("联合索引", "composite index")]),
        ("把可观测性(Observability)做好", [("可观测性", "Observability")]),  # 可…性
        (  # the acronym form shares the affix and Latin openings
            "常见的算法包括K-近邻演算法(K-Nearest Neighbors,KNN)",
            [("K-近邻演算法", "K-Nearest Neighbors")],
        ),
        (
            "一整套新概念:污点和容忍(Taints and Tolerations)",
            [("污点和容忍", "Taints and Tolerations")],
        ),
        ("可以做真正的灰度发布(Canary Release):先切", [("灰度发布", "Canary Release")]),
        ("当前版本为 0.9.x(预览版),API 可能", []),  # a version number is no term
        # the English renders the head, so it is a whole word (and 当 stays out)
        ("难道大语言模型(Large Language Model)会", [("大语言模型", "Large Language Model")]),
        ("计算嵌入后存入向量数据库(Vector Database)", [("向量数据库", "Vector Database")]),
        # a word the English renders opens the term whatever jieba tags it
        ("一张环境贴图再加一个计算着色器(Compute Shader)", [("计算着色器", "Compute Shader")]),
        ("它的核心是反向传播(Backpropagation)", [("反向传播", "Backpropagation")]),  # back
        (  # Preference is no prefixed word: no extra half word, so 改用 stays out
            "作者改用直接偏好优化(Direct Preference Optimization)",
            [("直接偏好优化", "Direct Preference Optimization")],
        ),
        # one long English word: two Chinese words, unless the first is a verb
        ("全球晶圆代工(foundry)市场的增长", [("晶圆代工", "foundry")]),
        ("在生产环境(Production)触发告警时", [("生产环境", "Production")]),
        ("可以适当调低温度(temperature)", [("温度", "temperature")]),
        ("让后续重构(Refactoring)的成本增加", [("重构", "Refactoring")]),
        # an acronym has a letter for each word, the head's too
        ("通过门控网络为少数几个前馈网络(FFN)分配", [("前馈网络", "FFN")]),
        ("由某实验室与微软亚洲研究院(MSRA)合作", [("微软亚洲研究院", "MSRA")]),
        ("数据先写入本地缓存(Local Cache)再同步", [("本地缓存", "Local Cache")]),  # a pronoun
        # a one-character modifier the English has a word for
        (
            "目前极紫外光刻(Extreme Ultraviolet Lithography)仍不可替代",
            [("极紫外光刻", "Extreme Ultraviolet Lithography")],
        ),
        ("系统内建的根凭证(root certificate)就是起点", [("根凭证", "root certificate")]),
        # not translations: identifiers, dotted names, aliases, units after a number
        ("产品需要满足功能安全(ISO 26262)的要求", []),
        ("该漏洞(CVE-2026-1234)影响", []),
        ("关闭自动提交(enable.auto.commit)之后", []),
        ("请参考官方文档(docs.example.com)", []),
        ("新版数据获取库 TanStack Query(原名 React Query)发布了", []),
        ("延迟降到 30 毫秒(ms)以内", []),
        ("在2025世界人工智能大会(WAIC)上", [("世界人工智能大会", "WAIC")]),  # a year
        ("用 FP16 混合精度(Mixed Precision)降低", [("混合精度", "Mixed Precision")]),
        # names: the given name before the dot, or a name a title cues
        ("这个坑格伦·菲德勒(Glenn Fiedler)那篇", [("格伦·菲德勒", "Glenn Fiedler")]),
        (
            "由文森·莱曼(Vincent Rijmen)与琼·戴门(Joan Daemen)设计",
            [
                ("文森·莱曼", "Vincent Rijmen"),
                ("琼·戴门", "Joan Daemen"),
            ],
        ),
        ("1976 年,惠特菲尔德·迪菲(Whitfield Diffie)与", [("惠特菲尔德·迪菲", "Whitfield Diffie")]),
        ("英特尔首席执行官陈立武(Lip-Bu Tan)在会上承认", [("陈立武", "Lip-Bu Tan")]),
        # a word before the fit that the dictionary glosses with a word of the English
        (
            "浏览器会检查凭证授权中心(Certificate Authority)的签名",
            [("凭证授权中心", "Certificate Authority")],
        ),
        ("物理模拟改用固定时间步长(fixed timestep)", [("固定时间步长", "fixed timestep")]),
        (
            "接口要保持向后兼容性(backward compatibility)",
            [("向后兼容性", "backward compatibility")],
        ),
        # ... but not a preposition, even one glossed with a word of the English
        ("数据经由通过硅通孔(Through-Silicon Via)传输", [("硅通孔", "Through-Silicon Via")]),
        # a glossed everyday verb joins (开放 "open"), and a function character jieba glued
        # to the first word stays out
        (
            "我们采用开放神经网络交换格式(Open Neural Network Exchange)导出",
            [("开放神经网络交换格式", "Open Neural Network Exchange")],
        ),
        ("激光雷达由禾赛科技(Hesai Technology)供应", [("禾赛科技", "Hesai Technology")]),
        ("新版对包体积(APK size)影响很小", [("包体积", "APK size")]),
        ("然后做根因分析(Root Cause Analysis)", [("根因分析", "Root Cause Analysis")]),
        # a Latin word the English has further in: the term goes on before it
        (
            "请先设置目标 SDK 版本(target SDK version)再构建",
            [("目标 SDK 版本", "target SDK version")],
        ),
        (
            "要求最高 CPU 频率(maximum CPU frequency)不变",
            [("最高 CPU 频率", "maximum CPU frequency")],
        ),
        (  # one long word before the Latin word is no sign of two Chinese ones
            "接着检查垂直 Pod 自动扩缩容(Vertical Pod Autoscaler)的配置",
            [("垂直 Pod 自动扩缩容", "Vertical Pod Autoscaler")],
        ),
        # -able is rendered by 可, and a Latin word may join the English with a hyphen
        ("默认隔离级别是可重复读(Repeatable Read)", [("可重复读", "Repeatable Read")]),
        (
            "可以改用 K 折交叉验证(K-fold cross-validation)",
            [("K 折交叉验证", "K-fold cross-validation")],
        ),
        # a possessive 's is no word; a transliteration jieba cut in pieces is one word
        ("根据阿姆达尔定律(Amdahl's Law)估算", [("阿姆达尔定律", "Amdahl's Law")]),
        ("满足麦克斯韦方程组(Maxwell's equations)", [("麦克斯韦方程组", "Maxwell's equations")]),
        # accented Latin letters and an en dash are English too
        ("求解薛定谔方程(Schrödinger equation)", [("薛定谔方程", "Schrödinger equation")]),
        # a demonstrative with its measure word, and a glued 当, open no term
        ("不少系统依赖这类哈希算法(hash algorithm)", [("哈希算法", "hash algorithm")]),
        ("当大语言模型(Large Language Model)变大时", [("大语言模型", "Large Language Model")]),
        # the commonest verbs open no term even when the fit falls a word short
        ("服务存在内存泄漏(memory leak)问题", [("内存泄漏", "memory leak")]),
        ("日志里经常出现空指针(null pointer)", [("空指针", "null pointer")]),
        # a quoted term is the quoted words, 的 and all
        (
            "人们把这种现象称为“灾难性遗忘”(catastrophic forgetting)",
            [("灾难性遗忘", "catastrophic forgetting")],
        ),
        (
            "他称之为「蝴蝶般的扰动」(butterfly-like perturbation)",
            [("蝴蝶般的扰动", "butterfly-like perturbation")],
        ),
        # a glossed word jieba split before the term (去|中心化)
        ("所谓去中心化存储(Decentralized Storage)", [("去中心化存储", "Decentralized Storage")]),
        # a transliterated given name jieba split after its first character (拉|希德)
        ("报告由副研究员拉希德·汗(Rashid Khan)执笔", [("拉希德·汗", "Rashid Khan")]),
        ("记者采访了理查德·斯托曼(Richard Stallman)", [("理查德·斯托曼", "Richard Stallman")]),
        # a word glossed with a word of the English joins across 及/与/和 when the English
        # has "and"; a glossed word that opens an English compound joins (热 "hot")
        (
            "依照食品及药物管理局(Food and Drug Administration)的规定",
            [("食品及药物管理局", "Food and Drug Administration")],
        ),
        ("值班同学临时上了热修复(hotfix)", [("热修复", "hotfix")]),
        # an attribute in 式, 性, 化 or 型 is glossed by the word it derives from (生成)
        ("公司押注生成式人工智能(Generative AI)业务", [("生成式人工智能", "Generative AI")]),
        # a Latin name first in the Chinese and last in the English
        ("这就是 Apollo 计划(Project Apollo)的由来", [("Apollo 计划", "Project Apollo")]),
        # numerals open terms the English counts in; a digit may open the English (3D)
        (
            "分布式事务依赖两阶段提交(Two-Phase Commit,2PC)协议",
            [("两阶段提交", "Two-Phase Commit")],
        ),
        ("我们做了三维重建(3D reconstruction)实验", [("三维重建", "3D reconstruction")]),
        ("上下文窗口(128K)很长", []),
        (  # an ordinal opens the English, and 第三代 renders it
            "通信标准由第三代合作伙伴计划(3rd Generation Partnership Project,3GPP)制定",
            [("第三代合作伙伴计划", "3rd Generation Partnership Project")],
        ),
        # jieba tags 多组 and 层次 numerals, and 外 is a function word: the English renders
        # 多 and 外, and 层次 holds no numeral
        ("实验室搭建了多组学(multi-omics)平台", [("多组学", "multi-omics")]),
        ("模型在分布外(out-of-distribution)样本上表现差", [("分布外", "out-of-distribution")]),
        ("场景采用细节层次(Level of Detail)管理", [("细节层次", "Level of Detail")]),
        # a long expansion that its acronym spells out; a mixed term with both
        (
            "北京航空航天大学(Beijing University of Aeronautics and Astronautics,BUAA)发布",
            [("北京航空航天大学", "Beijing University of Aeronautics and Astronautics")],
        ),
        (
            "论文提出了时序 Transformer(Temporal Transformer,TT)结构",
            [("时序 Transformer", "Temporal Transformer")],
        ),
        # an everyday verb inside is a translation when the dictionary says so; a unit
        # after a number is no term
        ("先 search(搜索)再排序", [("搜索", "search")]),
        ("用 Docker(推荐)部署", []),
        ("冷却到约 10 mK(比宇宙背景辐射还冷)的温度", []),
        # a head glossed with a word of the English counts a whole word (贷 "loan"), and
        # 不可 is the affix of non-…-able
        ("黑客利用闪电贷(flash loan)操纵价格", [("闪电贷", "flash loan")]),
        ("量子力学里有不可克隆定理(no-cloning theorem)", [("不可克隆定理", "no-cloning theorem")]),
        (
            "可能出现脏读、不可重复读(non-repeatable read)和幻读",
            [("不可重复读", "non-repeatable read")],
        ),
        # a preposition ends the term; an acronym's hyphen is no letter
        ("海力士凭借批量回流模制底部填充(MR-MUF)领先", [("批量回流模制底部填充", "MR-MUF")]),
        ("公司依照通用数据保护条例(GDPR)处理", [("通用数据保护条例", "GDPR")]),
        # a verb by the dictionary though jieba tags it a noun (利用 "to exploit")
        ("利用低秩分解(low-rank decomposition)压缩", [("低秩分解", "low-rank decomposition")]),
        # the stop of a company abbreviation, and a 据 jieba glued to the name
        ("据英伟达公司(NVIDIA Corp.)透露", [("英伟达公司", "NVIDIA Corp")]),
        # 用 introduces the term it is followed by
        (
            "研究人员用冷冻电镜(cryo-electron microscopy,cryo-EM)解析结构",
            [("冷冻电镜", "cryo-electron microscopy")],
        ),
        # a long word jieba knows is one word, however long
        (
            "团队联合中国科学院自动化研究所(Institute of Automation)发布",
            [("中国科学院自动化研究所", "Institute of Automation")],
        ),
        ("他毕业于清华大学(Tsinghua University)", [("清华大学", "Tsinghua University")]),
        # a six-word expansion with its acronym fits in the parenthesis
        (
            "系统遵循国际电信联盟无线电通信部门(International Telecommunication Union "
            "Radiocommunication Sector,ITU-R)的建议",
            [
                (
                    "国际电信联盟无线电通信部门",
                    "International Telecommunication Union Radiocommunication Sector",
                )
            ],
        ),
        # a quoted term with an expansion and an acronym
        (
            "业内称之为“供应链攻击”(Supply Chain Attack,SCA)",
            [("供应链攻击", "Supply Chain Attack")],
        ),
        # 做 and 用 glued to the term, quantity words and 二是 stay out; 副总 is a title
        ("我们先做预训练(pre-training)再微调", [("预训练", "pre-training")]),
        ("分析师用滑动窗口(sliding window)统计", [("滑动窗口", "sliding window")]),
        ("日志里有大量噪声数据(noisy data)", [("噪声数据", "noisy data")]),
        ("二是固态电池(solid-state battery),能量密度更高", [("固态电池", "solid-state battery")]),
        ("研发副总王伟(Wei Wang)表示", [("王伟", "Wei Wang")]),
        (
            "该公司透过硅碳负极(silicon-carbon anode)提升容量",
            [("硅碳负极", "silicon-carbon anode")],
        ),
        # a word jieba split before the term whose gloss opens an English compound
        (
            "启动前会检查运行时环境(runtime environment)是否完整",
            [("运行时环境", "runtime environment")],
        ),
        (  # 支付 "pay" opens the English's payments, across 与 for "and"
            "国际清算银行下设的支付与市场基础设施委员会(Committee on Payments and Market "
            "Infrastructures)发布报告",
            [("支付与市场基础设施委员会", "Committee on Payments and Market Infrastructures")],
        ),
        # a gloss that shares its first five letters with a word of the English (variation)
        (
            "报告给出变异等位基因频率(variant allele frequency)的阈值",
            [("变异等位基因频率", "variant allele frequency")],
        ),
        # 执行长 is a title; 即 joins what "as" joins; geo- is 地球; a suffix opens no term
        ("执行长李明(Ming Li)宣布", [("李明", "Ming Li")]),
        (
            "团队推行基础设施即代码(Infrastructure as Code)",
            [("基础设施即代码", "Infrastructure as Code")],
        ),
        ("卫星进入地球同步轨道(geosynchronous orbit)", [("地球同步轨道", "geosynchronous orbit")]),
        ("智能手表属于穿戴式设备(wearable device)", [("穿戴式设备", "wearable device")]),
        # a last word the dictionary glosses with the one English word is the whole term
        ("系统出错时会自动回滚(rollback)到上一版本", [("回滚", "rollback")]),
        (
            "- 基于 FreeRTOS 的抢占式调度(preemptive scheduling),采集任务优先",
            [("抢占式调度", "preemptive scheduling")],
        ),
        # an acronym the dictionary notes renders the English's (人工智能 "(AI)")
        ("欧盟新设的人工智能委员会(AI Board)负责协调", [("人工智能委员会", "AI Board")]),
        # a transliterated name is one word
        (
            "按照纳维-斯托克斯方程(Navier-Stokes equations)求解",
            [("纳维-斯托克斯方程", "Navier-Stokes equations")],
        ),
        # auto- is 自动, de- also 反, -ful is 有
        ("系统支持自动补全(autocompletion)功能", [("自动补全", "autocompletion")]),
        ("接口需要反序列化(deserialization)处理", [("反序列化", "deserialization")]),
        ("后端采用有状态服务(stateful service)", [("有状态服务", "stateful service")]),
        # a unit after a number stays out; a dictionary word jieba split is put together
        ("但 12 吋晶圆(wafer)的良率", [("晶圆", "wafer")]),
        ("算法能找到全局比对(global alignment)", [("全局比对", "global alignment")]),
        # a rare word jieba tags a preposition does not end the term (凭据)
        (
            "攻击者窃取操作系统凭据转储(OS Credential Dumping)文件",
            [("操作系统凭据转储", "OS Credential Dumping")],
        ),
        # short forms in capitals with a space, and an expansion with a comma in it
        (
            "企业需遵守支付卡行业数据安全标准(Payment Card Industry Data Security Standard,"
            "PCI DSS)的要求",
            [("支付卡行业数据安全标准", "Payment Card Industry Data Security Standard")],
        ),
        (
            "越来越多年轻人使用先买后付(Buy Now, Pay Later,BNPL)服务",
            [("先买后付", "Buy Now, Pay Later")],
        ),
        # a function word as the last word, when the dictionary glosses it with the English
        (
            "太阳同步轨道卫星的降交点地方时(local time of descending node,LTDN)在上午",
            [("降交点地方时", "local time of descending node")],
        ),
        # an aspect marker inside a term the English renders by the word's form
        ("隔离级别最低的是读未提交(Read Uncommitted)", [("读未提交", "Read Uncommitted")]),
        # a note of origin is no translation
        ("其中 ML-KEM(源自 CRYSTALS-Kyber)已定稿", []),
        # ...less is rendered by 无, 免 or 非 before the term
        ("浏览器支持无密码登录(passwordless login)", [("无密码登录", "passwordless login")]),
        ("八达通是非接触式支付(contactless payment)", [("非接触式支付", "contactless payment")]),
        # a short form that is no all-capitals acronym rides along with its expansion
        (
            "链上的去中心化自治组织(Decentralized Autonomous Organization,DAO)",
            [("去中心化自治组织", "Decentralized Autonomous Organization")],
        ),
        (
            "用单细胞测序(single-cell sequencing,scSeq)分析",
            [("单细胞测序", "single-cell sequencing")],
        ),
        # a word glossed with several words of the English stands for them all
        (
            "我们训练了小型循环神经网络(Recurrent Neural Network)做预测",
            [("循环神经网络", "Recurrent Neural Network")],
        ),
        (
            "报告提到跨境央行数字货币(Central Bank Digital Currency)的试点",
            [("央行数字货币", "Central Bank Digital Currency")],
        ),
        # an affix opens the term only when the English has its prefix ...
        ("升级后冷启动(cold start)变慢", [("冷启动", "cold start")]),
        # ... and is not the end of an everyday function word (通过), though a rare one may be
        # a slip of the segmenter (与非, 至多)
        ("车辆通过空中下载(Over-the-Air)获得新功能", [("空中下载", "Over-the-Air")]),
        (
            "可分成监督式学习与非监督式学习(Unsupervised Learning)两类",
            [("非监督式学习", "Unsupervised Learning")],
        ),
        (
            "仿真已延伸至多物理场耦合(multiphysics coupling)",
            [("多物理场耦合", "multiphysics coupling")],
        ),
        # a clipped English word (dev) is rendered by the word it clips (开发 "develop")
        ("本地调试时先起开发服务器(dev server)再改代码", [("开发服务器", "dev server")]),
        # a number the English has too belongs to the term, with its unit
        ("模型改用 INT4(4 位整数)量化", [("4 位整数", "INT4")]),
        ("发布于 GPT-4(2023 年)", []),
        (
            "部署时改用 8 位定点量化(8-bit fixed-point quantization)",
            [("8 位定点量化", "8-bit fixed-point quantization")],
        ),
        ("报告引用了第五次评估报告(AR5)的结论", [("第五次评估报告", "AR5")]),
        # 每 renders per, each or every
        ("面板显示吞吐和每请求成本(Cost Per Request)", [("每请求成本", "Cost Per Request")]),
        # 的 links a noun jieba tags a verb (位置) when the dictionary says it is a noun
        (
            "手机应用大量使用基于位置的服务(location-based service)",
            [("基于位置的服务", "location-based service")],
        ),
        # ... and 基于…的 renders …-based whatever the word before 的
        (
            "这是基于支付的授权(payment-based authorization)",
            [("基于支付的授权", "payment-based authorization")],
        ),
        # a Chinese name inside may keep a Latin word of the English (Java 虚拟机 for JVM)
        ("应用跑在 JVM(Java 虚拟机)上", [("Java 虚拟机", "JVM")]),
        ("推荐新手阅读 CTF Wiki(CTF 百科)", [("CTF 百科", "CTF Wiki")]),
        ("Transformer(PyTorch 实现)很快", []),
        # an everyday verb alone beside a name is a note, not its translation
        ("| 原生镜像 | 支持 | 支持(Spring AOT) | 支持 |", []),
        ("集群调度器会先驱逐(eviction)低优先级的 Pod", [("驱逐", "eviction")]),
        # a verb after an adverb or a modal is the verb of the clause, not a word of the term
        (
            "量产车型需配备线控悬架(drive-by-wire suspension)",
            [("线控悬架", "drive-by-wire suspension")],
        ),
        ("这就是波动率微笑(volatility smile)", [("波动率微笑", "volatility smile")]),
        # a transliterated given name keeps its first character (玛, 娜)
        (
            "会上首席技术官玛丽娜·佩特罗娃(Marina Petrova)介绍了进展",
            [("玛丽娜·佩特罗娃", "Marina Petrova")],
        ),
        ("研究员娜塔莎·罗曼诺娃(Natasha Romanova)表示", [("娜塔莎·罗曼诺娃", "Natasha Romanova")]),
        # a function word the dictionary glosses with a word of the English itself
        ("分词器改用字节对编码(byte pair encoding)训练", [("字节对编码", "byte pair encoding")]),
        (
            "这一步要做自由能计算(free energy calculation)",
            [("自由能计算", "free energy calculation")],
        ),
        (
            "处理器支持同时多线程(simultaneous multithreading)",
            [("同时多线程", "simultaneous multithreading")],
        ),
        # 即 links the term when the English has "as", glossed or not
        ("平台推行规则即代码(policy as code)的实践", [("规则即代码", "policy as code")]),
        # a preposition or connective jieba glued to a word it did not know stays out
        ("工厂以物联网(Internet of Things)采集数据", [("物联网", "Internet of Things")]),
        ("全部影像均经去识别化(de-identification)处理", [("去识别化", "de-identification")]),
        ("药房的点滴帮浦及无线射频辨识(RFID)标签", [("无线射频辨识", "RFID")]),
        ("新平台决定采微服务(microservices)架构", [("微服务", "microservices")]),
        ("工程师会检查各皮托管(pitot probe)的加温", [("皮托管", "pitot probe")]),
        # 用于 is a function word: what is left is one character, no term
        ("这个插件能否用于库(library)打包", []),
        # ... and so does a measure word after a number (12 家|向)
        (
            "已有 12 家向碳标签倡议(Carbon Label Initiative Program)提交",
            [("碳标签倡议", "Carbon Label Initiative Program")],
        ),
        # a version before a term is no number that makes it a unit (Python 3)
        ("Python 3 类型提示(type hints)很好用", [("类型提示", "type hints")]),
        # a Roman numeral renders a Chinese one (第三类 for Class III)
        (
            "该产品已按第三类医疗器械(Class III medical device)注册",
            [("第三类医疗器械", "Class III medical device")],
        ),
        # one character is a term with an affix or a Latin word the English also has
        ("流水线第一步是去重(deduplication),然后分词", [("去重", "deduplication")]),
        ("这类存储引擎大多以 B+ 树(B+ tree)存放索引", [("B+ 树", "B+ tree")]),
        ("把 Python 包(package)装好", []),
        # a short form of words in capitals or from the full form (AI Act)
        (
            "美国的国家人工智能倡议法案(National Artificial Intelligence Initiative Act,"
            "NAII Act)已于 2021 年生效",
            [("国家人工智能倡议法案", "National Artificial Intelligence Initiative Act")],
        ),
        (
            "报告依据温室气体议定书(Greenhouse Gas Protocol,GHG Protocol)编制",
            [("温室气体议定书", "Greenhouse Gas Protocol")],
        ),
        # when the dictionary renders every word of the term and the English words it
        # leaves over come first, the modifier before them belongs too (分块 for chunked) ...
        (
            "我们在视觉编码器里加了分块交叉注意力(chunked cross-attention)",
            [("分块交叉注意力", "chunked cross-attention")],
        ),
        # ... but a verb never does (部署, 写入)
        (
            "各分行统一部署终端检测与响应(Endpoint Detection and Response)",
            [("终端检测与响应", "Endpoint Detection and Response")],
        ),
        (
            "片元着色器直接写入多渲染目标(Multiple Render Targets)",
            [("多渲染目标", "Multiple Render Targets")],
        ),
    ],
)
def test_pairs_with_their_left_boundary(
    text: str, expected: list[tuple[str, str]], segmenter: Segmenter
) -> None:
    assert pairs(text, segmenter) == expected


@pytest.mark.parametrize(("left", "inside", "zh", "en"), _gold_pair_cases())
def test_every_annotated_pair_of_the_seeds(
    left: str, inside: str, zh: str, en: str, segmenter: Segmenter
) -> None:
    text = f"据介绍,{left}({inside})的进展"
    assert (zh, en) in pairs(text, segmenter)


@pytest.mark.parametrize(
    "text",
    [
        "上下文长度可以做得很长,每个(大模型)既有雷同的地方",  # aside, zh on both sides
        "GPT-4通常缺乏对大部分数据被切断后(2021年9月)发生事件的了解",  # date
        "备有AI大模型(预训练大模型)方面",  # zh–zh gloss
        "联系我们( 微信:bisheco )",  # contact line
        "(图由豆包AI生成)",  # caption with nothing on its left
        "性参比(大模型能力分数/大模型参数)更是超越了",  # formula
        "“大家之所以有这样的感觉(技术迭代放缓)",  # clarifying insertion
        "当你发现它跨了一个专业学科后(表现不一样)",  # clarifying insertion
        "OpenAI(美国)发布",  # a place glosses, it does not translate
        "增长了(30%)",  # numbers
        "函数f(x)的值",  # formula in Latin
        "见上文(第3节)",  # cross-reference
        "### 方式一:Docker(推荐)",  # an everyday word that comments
        "采用 Apache-2.0(详见 LICENSE 文件)许可",  # a reference
    ],
)
def test_parentheses_that_are_not_translations_yield_nothing(
    text: str, segmenter: Segmenter
) -> None:
    assert pairs(text, segmenter) == []


def test_gold_non_pairs_yield_nothing(segmenter: Segmenter) -> None:
    with (GOLD / "parens-nonpairs.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    found = [pairs(f"{r['left_context']}({r['inside']})", segmenter) for r in rows]
    assert found == [[] for _ in rows]


def candidates(text: str, segmenter: Segmenter) -> set[str]:
    folded = fold_width(text)
    tokens = segmenter.tokens(folded)
    return {folded[tokens[a].start : tokens[b - 1].end] for a, b in candidate_spans(tokens)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大模型的数推分离架构", {"大模型", "数推分离"}),
        ("生成式AI的突破口", {"生成式AI"}),
        ("百度的文心大模型3.5已经", {"文心大模型3.5"}),
        ("预训练大模型的成本", {"预训练大模型"}),
        # a name jieba cut into single characters (百川|讯|飞, 星河|一|言) may end there
        ("百川讯飞发布了新模型", {"百川讯飞"}),
        ("星河一言上线了", {"星河一言"}),
        ("多模态大型语言模型的能力", {"多模态大型语言模型"}),  # 多 is no word of its own
        ("日之彼岸发布了新模型", {"日之彼岸"}),  # 之 linking a four-character name
        ("腾讯混元AI大模型上线", {"腾讯混元AI大模型"}),  # 大 inside is no word either
    ],
)
def test_chinese_candidates_include(text: str, expected: set[str], segmenter: Segmenter) -> None:
    assert expected <= candidates(text, segmenter)


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("大模型也不能解决", {"大模型也不能", "也不能"}),  # function word inside
        ("传神的任度", {"传神的任度"}),
        ("我们的模型", {"我们的模型", "的模型"}),
        ("2024年", {"2024年"}),  # no Han word of its own
        ("他在这里吃了饭", {"这里吃", "这里吃了"}),  # one lone character is no split name
        ("人工智能之父图灵", {"人工智能之父"}),  # 之 in a longer phrase links no name
    ],
)
def test_chinese_candidates_exclude(text: str, excluded: set[str], segmenter: Segmenter) -> None:
    assert not excluded & candidates(text, segmenter)


def test_latin_spans_stay_whole_through_segmentation(segmenter: Segmenter) -> None:
    tokens = segmenter.tokens(fold_width("在Scaling Law(尺度定律)上"))
    assert [(t.text, t.kind) for t in tokens][:2] == [("在", "han"), ("Scaling Law", "latin")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("版本3.5发布", [("版本", "han"), ("3.5", "digit"), ("发布", "han")]),
        ("v1.2.", [("v1.2", "latin"), (".", "punct")]),
        ("第3.版", [("第", "han"), ("3", "digit"), (".", "punct"), ("版", "han")]),
        ("㐀字", [("㐀", "han"), ("字", "han")]),  # extension A: jieba yields it alone
        ("一，二", [("一", "han"), ("，", "punct"), ("二", "han")]),
    ],
)
def test_token_kinds(text: str, expected: list[tuple[str, str]], segmenter: Segmenter) -> None:
    assert [(t.text, t.kind) for t in segmenter.tokens(text)] == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Scaling Law", "scaling law"),
        ("Scaling Law", "Scaling-Law"),
        ("post-training", "Post Training"),
        ("智能體", "智能体"),
        ("ＧＰＴ－４", "GPT-4"),
        ("生成式 AI", "生成式AI"),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert canonical_key(a) == canonical_key(b)


@pytest.mark.parametrize(("a", "b"), [("GPT-4", "GPT-4o"), ("大模型", "模型"), ("AI", "AIGC")])
def test_different_terms_keep_different_keys(a: str, b: str) -> None:
    assert canonical_key(a) != canonical_key(b)


@pytest.mark.parametrize(
    ("surface", "script"),
    [("智能体", "zh"), ("GPT-4", "en"), ("生成式AI", "mixed"), ("2024", "en")],
)
def test_script_of(surface: str, script: str) -> None:
    assert script_of(surface) == script


def test_sentences_are_split_after_end_marks_but_not_inside_parentheses() -> None:
    document = Document("a.txt", "他说:“好。”然后走了!第二句(含。句号)还在。\n\n下一行", "utf-8")
    assert [(s.line, s.text) for s in split_sentences(document)] == [
        (1, "他说:“好。”"),
        (1, "然后走了!"),
        (1, "第二句(含。句号)还在。"),
        (3, "下一行"),
    ]


def test_fold_width_keeps_offsets() -> None:
    text = "全角（ＨＴＸ　）和　空格"
    assert len(fold_width(text)) == len(text)
    assert fold_width(text) == "全角(HTX )和 空格"


def names(text: str, segmenter: Segmenter) -> list[str]:
    from glossary.extract.names import name_spans

    folded = fold_width(text)
    return [text[s:e] for s, e in name_spans(segmenter.tokens(folded))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("但创始人高雪峰的感受是,去年市场对落地的关注度并不高", ["高雪峰"]),
        ("小冰公司CEO李笛同样表示", ["李笛"]),
        ("蚂蚁集团副总裁徐鹏此前接受采访时表示", ["徐鹏"]),
        ("徐鹏说,但是我相信在这之后可以有很多创新", ["徐鹏"]),
        ("该校教授王小明认为这一方向值得投入", ["王小明"]),
        ("特斯拉首席执行官马斯克在会上说", ["马斯克"]),  # a transliterated name
        ("创始人兼CEO刘建中曾在今年表示", ["刘建中"]),  # jieba glued 中 to 曾
        ("澜舟科技CEO周明认为创业很难", ["周明"]),  # 认为 is a verb of saying, not 认|为
        ("微软首席执行官萨蒂亚纳德拉表示", ["萨蒂亚纳德拉"]),
    ],
)
def test_names_cued_by_a_title_or_a_verb_of_saying(
    text: str, expected: list[str], segmenter: Segmenter
) -> None:
    assert names(text, segmenter) == expected


@pytest.mark.parametrize(
    "text",
    [
        "业内人士表示,大模型的进展极快",  # a phrase before the verb, not a name
        "创始人和企业家都在关注",  # 和 is a word here, not a surname
        "他说这是一个好方向",  # a pronoun
        "记者,编辑",  # a title with no name after it
        "分析师表示同意",  # not a transliteration: 表 is no name character
        "经理阿里到了",  # two characters are too few for a foreign name
    ],
)
def test_name_look_alikes_yield_no_person(text: str, segmenter: Segmenter) -> None:
    assert names(text, segmenter) == []


def employers(text: str, segmenter: Segmenter) -> list[str]:
    from glossary.extract.employers import employer_spans

    folded = fold_width(text)
    return [text[s:e] for s, e in employer_spans(segmenter.tokens(folded), segmenter)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("对此,星河智算创始人兼CEO王立新回应称", ["星河智算"]),
        ("近日百度副总裁吴甜在发布会上表示", ["百度"]),
        ("云帆数据CEO陈晓东认为这一判断过于乐观", ["云帆数据"]),
        ("红杉创投主管合伙人沈南鹏曾谈及此事", ["红杉创投"]),
        ("902研究院首席科学家刘伟介绍", ["902研究院"]),
        ("“模型还不够好。”深言科技联合创始人郑凡超说", ["深言科技"]),
    ],
)
def test_organisations_named_before_a_title_and_a_name(
    text: str, expected: list[str], segmenter: Segmenter
) -> None:
    assert employers(text, segmenter) == expected


@pytest.mark.parametrize(
    "text",
    [
        "该公司CEO李明表示",  # a generic noun, not a name
        "谷歌的首席执行官皮查伊说",  # 的 ends the run: Latin or known names come from elsewhere
        "月之暗面创始人杨植麟认为",  # a function character splits the name: no clear start
        "创始人兼CEO王立新回应称",  # no words before the title
        "百度副总裁,负责搜索业务",  # a title without a name after it
        "我国科学技术发展战略研究院院长胡志坚表示",  # the run goes on past four words
    ],
)
def test_employer_look_alikes_yield_nothing(text: str, segmenter: Segmenter) -> None:
    assert employers(text, segmenter) == []


def test_a_dictionary_word_cued_as_a_name_is_not_kept(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    (tmp_path / "a.txt").write_text("马上表示同意。马上表示同意。\n", encoding="utf-8")
    assert [e.term for e in extract([str(tmp_path)]).entries if "person" in e.signals] == []


def test_an_item_listed_with_terms_is_a_term(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    (tmp_path / "a.txt").write_text("参与者包括OpenAI、Anthropic、谷歌等公司。\n", encoding="utf-8")
    entries = {e.term: e for e in extract([str(tmp_path)]).entries}
    assert "enumeration" in entries["谷歌"].signals


def test_a_list_of_everyday_words_adds_nothing(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    (tmp_path / "a.txt").write_text("这项技术可用于财务、售后、编程等工作。\n", encoding="utf-8")
    assert [e.term for e in extract([str(tmp_path)]).entries if "enumeration" in e.signals] == []


def test_a_rare_dictionary_word_used_often_in_one_document_is_a_term(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = "编码器把输入变成向量。\n这个编码器有六层。\n训练编码器需要数据。\n我们冻结编码器。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    entries = {e.term: e for e in extract([str(tmp_path)]).entries}
    assert entries["编码器"].signals == ("domain-word", "ngram")


def test_an_everyday_word_used_often_is_no_domain_word(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = "问题很多。\n这个问题不大。\n问题在于时间。\n我们解决了问题。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert [e.term for e in extract([str(tmp_path)]).entries] == []


def test_titles_and_reported_speech_are_no_terms(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = (
        "副总裁到了。\n副总裁走了。\n副总裁又来了。\n副总裁笑了。\n"
        "一位研发人员告诉记者。\n另一位研发人员告诉记者。\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    terms = [e.term for e in extract([str(tmp_path)]).entries]
    assert [t for t in terms if "副总裁" in t or "告诉" in t] == []


def test_a_vouched_name_before_technical_heads_is_a_term_even_once(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = (
        "星澜发布了新产品。\n星澜的收入增长很快。\n星澜智能云正式上线。\n"
        "卫星“星澜一号”发射成功。\n国家智能云也在建设中。\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    entries = {e.term: e for e in extract([str(tmp_path)]).entries}
    assert "named-compound" in entries["星澜智能云"].signals
    assert (entries["星澜一号"].signals, entries["星澜一号"].type) == (
        ("named-compound", "ngram"),
        "product",
    )
    assert "国家智能云" not in entries  # 国家 is an everyday word, not a name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("旷视科技", True),  # a word no dictionary holds before 科技
        ("星瀚科技集团", True),  # several organisation suffixes
        ("百川智能", True),  # a rare place name used as a brand
        ("中国科技", False),  # a common place name: a phrase, not a company
        ("北京智能", False),
        ("科技集团", False),  # suffixes only
        ("数据智能", False),  # an everyday noun first
    ],
)
def test_names_of_organisations(name: str, expected: bool, segmenter: Segmenter) -> None:
    from glossary.scoring import _names_an_organisation

    parts = tuple(token.text for token in segmenter.tokens(name))
    assert _names_an_organisation(parts, segmenter) is expected


def test_a_one_character_head_makes_a_word_not_a_free_composition(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = (
        "数据很重要。\n我们收集数据。\n数据来自网络。\n清洗数据。\n数据要干净。\n"
        "标注数据。\n这个数据集很大。\n新的数据集已经发布。\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    entries = {e.term: e for e in extract([str(tmp_path)]).entries}
    assert "free-composition" not in entries["数据集"].signals


def test_a_kept_term_with_a_release_number_is_a_product(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = "星澜大模型发布了。\n星澜大模型很强。\n新版星澜大模型3.5今天上线。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    entries = {e.term: e for e in extract([str(tmp_path)]).entries}
    release = entries["星澜大模型3.5"]
    assert (release.signals, release.type) == (("ngram", "versioned"), "product")


def test_a_number_after_a_term_is_no_release(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = "星澜大模型发布了。\n星澜大模型很强。\n我们测了星澜大模型2次。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert "星澜大模型2" not in {e.term for e in extract([str(tmp_path)]).entries}


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("测试", "集"), True),
        (("优化", "器"), True),
        (("模型", "层"), True),
        (("智能", "化"), False),  # a quality, not a thing
        (("推理", "端"), False),  # a side
        (("公司", "集"), False),  # not a technical word
        (("深度", "学习", "器"), False),
    ],
)
def test_technical_words_with_a_one_character_head(parts: tuple[str, ...], expected: bool) -> None:
    from glossary.scoring import _technical_word

    assert _technical_word(parts) is expected


def test_several_vouched_names_before_a_head_make_a_product(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = "腾讯发布了新产品。\n腾讯的收入增长很快。\n星澜的团队很小。\n星澜开源了代码。\n腾讯星澜AI大模型正式上线。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    entries = {e.term: e for e in extract([str(tmp_path)]).entries}
    compound = entries["腾讯星澜AI大模型"]
    assert (compound.signals, compound.type) == (("named-compound", "ngram"), "product")


def test_an_acronym_stated_with_its_expansion_is_an_entry_of_its_own(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = "检索增强生成(Retrieval-Augmented Generation, RAG)很常用。\n我们的RAG系统上线了。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    pairs = {
        (e.term, e.zh, e.en, "abbreviation" in e.signals)
        for e in extract([str(tmp_path)]).entries
        if e.zh and e.en
    }
    assert pairs == {
        ("Retrieval-Augmented Generation", "检索增强生成", "Retrieval-Augmented Generation", False),
        ("RAG", "检索增强生成", "RAG", True),
    }


def test_an_expansion_keeps_its_chinese_when_the_acronym_was_paired_first(
    tmp_path: Path,
) -> None:
    from glossary.pipeline import extract

    (tmp_path / "a.txt").write_text("系统支持基于角色的访问控制（RBAC）。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "再配合基于角色的访问控制（Role-Based Access Control，RBAC），收紧权限。\n",
        encoding="utf-8",
    )
    pairs = {
        (e.term, e.zh, "abbreviation" in e.signals)
        for e in extract([str(tmp_path)]).entries
        if e.zh and e.en
    }
    assert pairs == {
        ("Role-Based Access Control", "基于角色的访问控制", False),
        ("RBAC", "基于角色的访问控制", True),
    }


def test_another_rendering_keeps_its_own_entry_and_learns_the_english(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    (tmp_path / "a.txt").write_text(
        "这一归因的置信度(confidence level)为中等。\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "在给定的置信水平(confidence level)下估计损失。\n置信水平越高越保守。\n", encoding="utf-8"
    )
    pairs = {(e.zh, e.en) for e in extract([str(tmp_path)]).entries if e.zh and e.en}
    assert pairs == {("置信水平", "confidence level"), ("置信度", "confidence level")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # 支持 introduces the coinage 热更新, which the text also uses alone
            "- 动态化:支持热更新(Over-the-Air Update),无需审核。\n热更新很方便。\n",
            ("热更新", "Over-the-Air Update"),
        ),
        (  # jieba glued the verb to the term (上云|原生)
            "今年必须上云原生(Cloud Native)。\n云原生是趋势。\n云原生也很贵。\n",
            ("云原生", "Cloud Native"),
        ),
        (  # 请求 is an everyday word that 合并请求 narrows: the pair stays whole
            "提交合并请求(Pull Request)之后等待审核。\n这个请求被拒绝了。\n",
            ("合并请求", "Pull Request"),
        ),
        (  # 快速 is glossed "fast": it belongs though jieba tags it an adverb
            "七十个国家上线了快速支付系统(fast payment system)。\n支付系统升级很快。\n"
            "支付系统很稳定。\n",
            ("快速支付系统", "fast payment system"),
        ),
        (  # 去中心化 is glossed "decentralized": 去 belongs though jieba tags it a verb
            "去中心化存储(Decentralized Storage)更安全。\n很多中心化存储也在改进。\n"
            "中心化存储成本低。\n",
            ("去中心化存储", "Decentralized Storage"),
        ),
    ],
)
def test_the_corpus_decides_whether_a_verb_opens_a_pair(
    text: str, expected: tuple[str, str], tmp_path: Path
) -> None:
    from glossary.pipeline import extract

    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert [(e.zh, e.en) for e in extract([str(tmp_path)]).entries if e.zh and e.en] == [expected]


def test_fenced_code_is_not_prose(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = (
        "# 快速上手\n先安装依赖,再用Docker启动服务。\n```bash\npip install torch\n"
        "docker compose up\n```\n启动后即可访问Docker里的服务。\n"
    )
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    terms = {e.term for e in extract([str(tmp_path)]).entries}
    assert "Docker" in terms
    assert not {"pip install torch", "docker compose up", "torch", "bash"} & terms


def test_everyday_words_in_traditional_characters_are_no_new_words(tmp_path: Path) -> None:
    from glossary.pipeline import extract

    text = "機器可以學習。\n這台機器很準確。\n我們準備好了機器。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert {e.term for e in extract([str(tmp_path)]).entries} & {"機器", "準備"} == set()


def test_every_technical_head_has_its_english_renderings() -> None:
    from glossary.extract.renderings import HEAD_RENDERINGS
    from glossary.lexicon import TECH_HEADS

    assert set(HEAD_RENDERINGS) == set(TECH_HEADS)
    assert all(HEAD_RENDERINGS.values())


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # closed: code, whichever marker, however indented
        ("前文。\n```\n代码\n```\n后文。", ["前文。", "后文。"]),
        ("前文。\n  ~~~ sh\n代码\n  ~~~\n后文。", ["前文。", "后文。"]),
        # never closed: a stray marker in plain text is text, and so is all after it
        ("``` 这是中文手册页。\n请到网站查看。", ["``` 这是中文手册页。", "请到网站查看。"]),
        ("前文。\n~~~\n后文。\n```", ["前文。", "~~~", "后文。", "```"]),
        # one marker does not close the other's block
        ("```\n代码\n~~~\n还是代码\n```\n后文。", ["后文。"]),
        # a block closed, then a stray opener
        ("```\n代码\n```\n中文。\n```\n后文。", ["中文。", "```", "后文。"]),
        # a language name and attributes open a block; a line with them closes none
        ('```python title="a.py"\nprint(1)\n```\n后文。', ["后文。"]),
        ("```python\n代码\n```python\n还是代码\n```\n后文。", ["后文。"]),
        ("~~~~ c++\n代码\n~~~~\n后文。", ["后文。"]),
        # prose after the marker: text, which neither opens nor closes a block
        (
            "``` 这是手册页。\n正文。\n``` 这是手册页。",
            ["``` 这是手册页。", "正文。", "``` 这是手册页。"],
        ),
        ("``` 这是手册页。\n正文。\n```", ["``` 这是手册页。", "正文。", "```"]),
        ("```\n代码\n``` 还是代码\n```\n后文。", ["后文。"]),
    ],
)
def test_only_a_closed_code_fence_hides_its_lines(text: str, sentences: list[str]) -> None:
    from glossary.models import Document
    from glossary.text import split_sentences

    found = [s.text for s in split_sentences(Document("a.txt", text, "utf-8"))]
    assert found == sentences
